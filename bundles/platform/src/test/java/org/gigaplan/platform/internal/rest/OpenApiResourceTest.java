package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class OpenApiResourceTest {

    @Test
    void normalisesJaxrsTemplates() {
        assertEquals("/explorer/{file}", OpenApiResource.normalise("//explorer/{file: .*}"));
        assertEquals("/plan", OpenApiResource.normalise("/plan/"));
        assertEquals("/", OpenApiResource.normalise("//"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void publicOperationsNeedNoLogin() {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        OpenApiResource.describe(PlanResource.class, "gigaplan.plan", paths);
        assertTrue(!((Map<String, Object>) paths.get("/plan").get("get")).containsKey("security"));
        assertEquals(List.of("board"), ((Map<String, Object>) paths.get("/plan/import").get("post")).get("x-roles"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesOperationsAndParametersFromAnnotations() {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        OpenApiResource.describe(SchoolResource.class, "gigaplan.schools", paths);
        assertEquals(List.of("/schools", "/schools/import", "/schools/{id}"), List.copyOf(paths.keySet()));
        Map<String, Object> list = (Map<String, Object>) paths.get("/schools").get("get");
        List<Map<String, Object>> params = (List<Map<String, Object>>) list.get("parameters");
        assertEquals(List.of("type", "offset", "limit"), params.stream().map(p -> p.get("name")).toList(),
                "@Context parameters are not documented");
        assertEquals("integer", ((Map<String, Object>) params.get(2).get("schema")).get("type"));
        Map<String, Object> post = (Map<String, Object>) paths.get("/schools/import").get("post");
        assertTrue(((Map<String, Object>) ((Map<String, Object>) post.get("requestBody")).get("content"))
                .containsKey("text/csv"));
        assertEquals(List.of("board", "school"), list.get("x-roles"));
        assertEquals(List.of("board"), post.get("x-roles"), "no annotation: the board only");
        Map<String, Object> one = (Map<String, Object>) paths.get("/schools/{id}").get("get");
        assertEquals("path", ((List<Map<String, Object>>) one.get("parameters")).get(0).get("in"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCookieIsAParameterNotABody() {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        OpenApiResource.describe(SessionResource.class, "gigaplan.session", paths);
        Map<String, Object> logout = (Map<String, Object>) paths.get("/session").get("delete");
        assertTrue(!logout.containsKey("requestBody"), "logout takes no body");
        assertEquals(List.of(Map.of("name", "gigaplan_session", "in", "cookie", "required", false, "schema",
                Map.of("type", "string"))), logout.get("parameters"));
        Map<String, Object> login = (Map<String, Object>) paths.get("/session").get("post");
        assertTrue(login.containsKey("requestBody"), "the login is");
        assertTrue(!login.containsKey("security"), "anyone may log in");
    }

    @Test
    @SuppressWarnings("unchecked")
    void bodiesAndAnswersHaveSchemasOfTheirJavaTypes() {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        OpenApiResource.describe(ModuleResource.class, "gigaplan.modules", paths);
        Map<String, Object> put = (Map<String, Object>) paths.get("/modules/{id}/schools/{schoolId}").get("put");
        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) put
                .get("requestBody")).get("content")).get("application/json");
        assertEquals(Map.of("type", "object", "properties", Map.of("enabled", Map.of("type", "boolean"))), body.get("schema"));
        Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) put.get("responses")).get("200");
        Map<String, Object> answer = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ok.get("content"))
                .get("application/json")).get("schema");
        assertEquals(List.of("module", "schoolId", "enabled"),
                List.copyOf(((Map<String, Object>) answer.get("properties")).keySet()));

        assertEquals(Map.of("type", "array", "items", Map.of("type", "string", "format", "date")),
                JsonSchemas.of(new java.util.ArrayList<java.time.LocalDate>() { }.getClass().getGenericSuperclass()));
        assertEquals(List.of("DRAFT", "DONE"), JsonSchemas.of(State.class).get("enum"));
        Map<String, Object> page = JsonSchemas.of(new java.util.ArrayList<org.gigaplan.plan.rest.Page<State>>() { }.getClass()
                .getGenericSuperclass());
        Map<String, Object> items = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) page.get("items"))
                .get("properties")).get("items");
        assertEquals(Map.of("type", "array", "items", JsonSchemas.of(State.class)), items, "a Page's items are typed");
    }

    enum State { DRAFT, DONE }
}
