package org.gigaplan.tests.osgi;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;

/** What the tests read from the framework: bundles by name, and the JAX-RS whiteboard's view of /api. */
final class Framework {

    static final String API = "gigaplan";

    private Framework() {
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " in the framework"));
    }

    /** The /api application as the whiteboard serves it, once it does. */
    static Optional<ApplicationDTO> api(JaxrsServiceRuntime runtime) {
        return Stream.of(runtime.getRuntimeDTO().applicationDTOs).filter(a -> API.equals(a.name)).findFirst();
    }

    /** The request paths of the resources a bundle registered on /api, e.g. {@code /usage/check-ins}. */
    static List<String> resourcePaths(BundleContext context, JaxrsServiceRuntime runtime, Bundle bundle) {
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

    /** Waits up to 30 s for a condition of the framework's asynchronous world (components, the whiteboard). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(50);
        }
    }
}
