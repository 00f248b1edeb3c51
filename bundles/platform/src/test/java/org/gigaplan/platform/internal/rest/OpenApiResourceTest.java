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
}
