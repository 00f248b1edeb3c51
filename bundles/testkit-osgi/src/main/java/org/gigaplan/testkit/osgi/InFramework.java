package org.gigaplan.testkit.osgi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntimeConstants;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;

/**
 * What in-framework tests read from the framework: bundles by name, the JAX-RS whiteboard's view of the platform's
 * /api application, where it serves, and conditions awaited.
 */
public final class InFramework {

    /** The name of the platform's JAX-RS application, served under /api. */
    public static final String API = "gigaplan";

    private InFramework() {
    }

    public static Bundle bundle(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " in the framework"));
    }

    /** The /api application as the whiteboard serves it, once it does. */
    public static Optional<ApplicationDTO> api(JaxrsServiceRuntime runtime) {
        return Stream.of(runtime.getRuntimeDTO().applicationDTOs).filter(a -> API.equals(a.name)).findFirst();
    }

    /** The request paths of the resources a bundle registered on /api, e.g. {@code /usage/check-ins}. */
    public static List<String> resourcePaths(BundleContext context, JaxrsServiceRuntime runtime, Bundle bundle) {
        ApplicationDTO api = api(runtime).orElseThrow(() -> new AssertionError("the whiteboard serves no /api"));
        return Stream.of(api.resourceDTOs).filter(r -> bundle.equals(bundleOf(context, r)))
                .flatMap(r -> Stream.of(r.resourceMethods)).map((ResourceMethodInfoDTO m) -> m.path).distinct()
                .sorted().toList();
    }

    private static Bundle bundleOf(BundleContext context, ResourceDTO resource) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(service.id=" + resource.serviceId + ")");
            return refs == null ? null : refs[0].getBundle();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the whiteboard serves, e.g. {@code http://127.0.0.1:41234/} (the tests run Jetty on a free port). */
    public static URI endpoint(ServiceReference<JaxrsServiceRuntime> runtime) {
        Object endpoints = runtime.getProperty(JaxrsServiceRuntimeConstants.JAX_RS_SERVICE_ENDPOINT);
        String first = endpoints instanceof String[] a ? a[0] : endpoints instanceof java.util.Collection<?> c
                ? String.valueOf(c.iterator().next()) : String.valueOf(endpoints);
        return URI.create(first.endsWith("/") ? first : first + "/");
    }

    /** The HTTP status of an anonymous GET. */
    public static int status(URI uri) {
        return get(uri, null).statusCode();
    }

    /** A GET, anonymous or with the given Authorization header, and its answer as text. */
    public static HttpResponse<String> get(URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** Sends a request and answers its answer as text; a failure to reach the server is unchecked. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service properties that put a JAX-RS resource a test registers on the platform's /api application. */
    public static Dictionary<String, Object> apiResource() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(JaxrsWhiteboardConstants.JAX_RS_RESOURCE, Boolean.TRUE);
        properties.put(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT, "(" + JaxrsWhiteboardConstants.JAX_RS_NAME
                + "=" + API + ")");
        return properties;
    }

    /**
     * Waits up to 30 s for a condition of the framework's asynchronous world (components, the whiteboard), checking
     * five times a second: below the platform's limit on anonymous calls (ten a second after a burst), so conditions
     * that call /api never use up the tests' allowance.
     */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(200);
        }
    }
}
