package org.gigaplan.platform.internal.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.CookieParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.security.Role;
import org.gigaplan.platform.internal.security.AccessFilter;
import org.gigaplan.plan.security.Public;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;

/**
 * The OpenAPI 3 document of /api, computed from the whiteboard's runtime view: a module's resources appear when it is
 * installed and disappear when it goes. Operations and parameters are read from the JAX-RS annotations of the resource
 * classes that are live in the application. Kept until the runtime's {@code service.changecount} moves (computing it
 * took 38 ms a call, and anyone may ask).
 */
@Component(service = OpenApiResource.class)
@GigaPlanResource(name = "gigaplan.openapi")
@Path("openapi.json")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class OpenApiResource {

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "get", POST.class, "post",
            PUT.class, "put", DELETE.class, "delete", PATCH.class, "patch", HEAD.class, "head");

    private final JaxrsServiceRuntime runtime;
    private final ServiceReference<JaxrsServiceRuntime> runtimeReference;
    private final BundleContext context;
    private volatile Kept kept;

    /** The document as computed at a change count of the runtime. */
    private record Kept(Object changeCount, Map<String, Object> document) {
    }

    @Activate
    public OpenApiResource(@Reference JaxrsServiceRuntime runtime,
            @Reference(service = JaxrsServiceRuntime.class) ServiceReference<JaxrsServiceRuntime> runtimeReference,
            BundleContext context) {
        this.runtime = runtime;
        this.runtimeReference = runtimeReference;
        this.context = context;
    }

    @GET
    public Map<String, Object> document() {
        // Read before the runtime's view: a change after it makes the next call compute the document again.
        Object changeCount = runtimeReference.getProperty(Constants.SERVICE_CHANGECOUNT);
        Kept now = kept;
        if (now != null && changeCount != null && changeCount.equals(now.changeCount())) {
            return now.document();
        }
        Map<String, Object> doc = java.util.Collections.unmodifiableMap(computed());
        kept = new Kept(changeCount, doc);
        return doc;
    }

    private Map<String, Object> computed() {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        List<Map<String, Object>> tags = new ArrayList<>();
        for (ApplicationDTO app : runtime.getRuntimeDTO().applicationDTOs) {
            if (!GigaPlanRest.APPLICATION_NAME.equals(app.name)) {
                continue;
            }
            for (ResourceDTO resource : app.resourceDTOs) {
                ServiceReference<?> ref = reference(resource.serviceId);
                Class<?> type = ref == null ? null : resourceClass(ref);
                if (type == null) {
                    continue;
                }
                String bundle = ref.getBundle().getSymbolicName();
                tags.add(Map.of("name", resource.name, "description", "bundle " + bundle));
                describe(type, resource.name, paths);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "GIGA Plan API", "version", context.getBundle().getVersion().toString(),
                "description", "The plan and the live evidence for every action in it. Errors are "
                        + "application/problem+json (RFC 9457) naming the failing field."));
        doc.put("servers", List.of(Map.of("url", "/" + GigaPlanRest.APPLICATION_BASE)));
        doc.put("tags", tags);
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", Map.of("basic", Map.of("type", "http", "scheme", "basic")),
                "schemas", Map.of("Problem", Map.of("type", "object", "properties", Map.of(
                "type", Map.of("type", "string"), "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
                "field", Map.of("type", "string"), "errors", Map.of("type", "array", "items", Map.of("type", "object",
                        "properties", Map.of("field", Map.of("type", "string"), "detail", Map.of("type", "string")))))))));
        return doc;
    }

    private ServiceReference<?> reference(long serviceId) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(service.id=" + serviceId + ")");
            return refs == null || refs.length == 0 ? null : refs[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class registered as the resource service, loaded from its own bundle. */
    private static Class<?> resourceClass(ServiceReference<?> ref) {
        String[] objectClass = (String[]) ref.getProperty("objectClass");
        if (ref.getBundle() == null || objectClass == null) {
            return null;
        }
        for (String name : objectClass) {
            try {
                Class<?> type = ref.getBundle().loadClass(name);
                if (type.isAnnotationPresent(Path.class)) {
                    return type;
                }
            } catch (ClassNotFoundException e) {
                // not visible: try the next name
            }
        }
        return null;
    }

    static void describe(Class<?> type, String tag, Map<String, Map<String, Object>> paths) {
        String base = type.getAnnotation(Path.class).value();
        for (Method method : type.getMethods()) {
            String verb = verb(method);
            if (verb == null) {
                continue;
            }
            Path sub = method.getAnnotation(Path.class);
            String path = normalise("/" + base + "/" + (sub == null ? "" : sub.value()));
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("tags", List.of(tag));
            operation.put("operationId", tag + "." + method.getName());
            List<Map<String, Object>> parameters = new ArrayList<>();
            Map<String, Object> body = null;
            for (Parameter p : method.getParameters()) {
                PathParam pp = p.getAnnotation(PathParam.class);
                QueryParam qp = p.getAnnotation(QueryParam.class);
                if (pp != null) {
                    parameters.add(Map.of("name", pp.value(), "in", "path", "required", true, "schema", schema(p.getType())));
                } else if (qp != null) {
                    parameters.add(Map.of("name", qp.value(), "in", "query", "required", false, "schema", schema(p.getType())));
                } else if (p.isAnnotationPresent(CookieParam.class)) {
                    parameters.add(Map.of("name", p.getAnnotation(CookieParam.class).value(), "in", "cookie",
                            "required", false, "schema", schema(p.getType())));
                } else if (p.isAnnotationPresent(HeaderParam.class)) {
                    parameters.add(Map.of("name", p.getAnnotation(HeaderParam.class).value(), "in", "header",
                            "required", false, "schema", schema(p.getType())));
                } else if (!p.isAnnotationPresent(Context.class)) {
                    body = Map.of("required", true, "content", mediaTypes(consumes(method, type), p.getParameterizedType()));
                }
            }
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            if (body != null) {
                operation.put("requestBody", body);
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            Class<?> returned = method.getReturnType();
            responses.put(verb.equals("post") ? "2XX" : "200", returned == void.class || returned == Response.class
                    ? Map.of("description", "success")
                    : Map.of("description", "success", "content", mediaTypes(produces(method, type),
                            method.getGenericReturnType())));
            responses.put("4XX", Map.of("description", "refused: the problem names the field",
                    "content", Map.of(GigaPlanRest.PROBLEM_JSON, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
            Set<Role> roles = AccessFilter.allowed(method, type);
            if (roles != null) {
                operation.put("security", List.of(Map.of("basic", List.of())));
                operation.put("x-roles", roles.stream().map(r -> r.name().toLowerCase()).sorted().toList());
                responses.put("401", Map.of("description", "not logged in"));
                responses.put("403", Map.of("description", "logged in without one of the roles in x-roles, or "
                        + "asking for another school's data"));
            }
            operation.put("responses", responses);
            paths.computeIfAbsent(path, k -> new TreeMap<>()).put(verb, operation);
        }
    }

    private static String verb(Method method) {
        for (Map.Entry<Class<? extends Annotation>, String> e : VERBS.entrySet()) {
            if (method.isAnnotationPresent(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String[] produces(Method method, Class<?> type) {
        javax.ws.rs.Produces p = method.getAnnotation(javax.ws.rs.Produces.class);
        if (p == null) {
            p = type.getAnnotation(javax.ws.rs.Produces.class);
        }
        return p == null ? new String[] { MediaType.APPLICATION_JSON } : new String[] { p.value()[0] };
    }

    private static String[] consumes(Method method, Class<?> type) {
        Consumes c = method.getAnnotation(Consumes.class);
        if (c == null) {
            c = type.getAnnotation(Consumes.class);
        }
        return c == null ? new String[] { MediaType.APPLICATION_JSON } : c.value();
    }

    /** The body's schema per media type: JSON from the parameter's Java type, anything else a string. */
    private static Map<String, Object> mediaTypes(String[] types, java.lang.reflect.Type body) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String t : types) {
            content.put(t, Map.of("schema", t.contains("json") ? JsonSchemas.of(body) : Map.of("type", "string")));
        }
        return content;
    }

    private static Map<String, Object> schema(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return Map.of("type", "integer");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (type == double.class || type == Double.class) {
            return Map.of("type", "number");
        }
        return Map.of("type", "string");
    }

    /** {@code //plan/{fiscalYear: \d+}/} → {@code /plan/{fiscalYear}}. */
    static String normalise(String path) {
        String p = path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
