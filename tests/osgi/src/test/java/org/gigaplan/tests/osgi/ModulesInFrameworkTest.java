package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;


import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The platform and the four policy modules in a real OSGi framework: each module's bundle resolves against
 * plan-model and the platform alone, registers its resources on the platform's /api application (read from the
 * JAX-RS whiteboard's runtime DTOs), and its indicators come and go with the bundle.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModulesInFrameworkTest {

    @ParameterizedTest
    @ValueSource(strings = { "usage", "training", "environment", "outreach" })
    @Order(1)
    void eachModuleRegistersItsResourcesUnderItsOwnPathOnTheApi(String module,
            @InjectBundleContext BundleContext context, @InjectService(timeout = 30_000) JaxrsServiceRuntime runtime,
            @InjectService(timeout = 30_000) ProgressService progress) throws Exception {
        Bundle bundle = InFramework.bundle(context, "org.gigaplan." + module);
        assertEquals(Bundle.ACTIVE, bundle.getState(), module + " resolved and started");
        InFramework.await(module + " among the modules", () -> ids(progress).contains(module));
        InFramework.await(module + "'s resources on /api",
                () -> InFramework.api(runtime).isPresent() && !InFramework.resourcePaths(context, runtime, bundle).isEmpty());
        List<String> paths = InFramework.resourcePaths(context, runtime, bundle);
        assertTrue(paths.stream().allMatch(p -> p.startsWith("/" + module + "/") || p.equals("/" + module)),
                () -> module + "'s resources are under /api/" + module + "/: " + paths);
    }

    @Test
    @Order(2)
    void theResourcesEveryModuleShipsAreServed(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) JaxrsServiceRuntime runtime) throws Exception {
        Bundle usage = InFramework.bundle(context, "org.gigaplan.usage");
        InFramework.await("usage's resources", () -> InFramework.resourcePaths(context, runtime, usage).size() >= 8);
        List<String> paths = InFramework.resourcePaths(context, runtime, usage);
        for (String expected : List.of("/usage/check-ins", "/usage/events", "/usage/attainment", "/usage/attainment/trend",
                "/usage/not-reporting", "/usage/cases", "/usage/measures/{id}", "/usage/scenes",
                "/usage/schools/{schoolId}/classes")) {
            assertTrue(paths.contains(expected), () -> expected + " is served: " + paths);
        }
        assertEquals(0, runtime.getRuntimeDTO().failedResourceDTOs.length,
                () -> "no resource failed: " + Stream.of(runtime.getRuntimeDTO().failedResourceDTOs)
                        .map(f -> f.name + " (" + f.failureReason + ")").toList());
    }

    @Test
    @Order(3)
    void aModuleStoppedTakesItsIndicatorsAndResourcesWithItAndBringsThemBack(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) JaxrsServiceRuntime runtime,
            @InjectService(timeout = 30_000) ProgressService progress) throws Exception {
        Bundle training = InFramework.bundle(context, "org.gigaplan.training");
        InFramework.await("training among the modules", () -> ids(progress).contains("training"));
        training.stop();
        try {
            InFramework.await("training gone", () -> !ids(progress).contains("training"));
            assertTrue(InFramework.resourcePaths(context, runtime, training).isEmpty(), "its resources left /api");
            assertFalse(installed(progress, "training"), "its indicators show as not installed");
        } finally {
            training.start();
        }
        InFramework.await("training back", () -> ids(progress).contains("training"));
        InFramework.await("training's resources back", () -> !InFramework.resourcePaths(context, runtime, training).isEmpty());
        assertTrue(installed(progress, "training"), "its indicators are computed again");
    }

    private static Set<String> ids(ProgressService progress) {
        return Set.copyOf(progress.modules().stream().map(ModuleInfo::id).toList());
    }

    /** Whether the progress report of the shipped plan's year names the module for its indicators. */
    private static boolean installed(ProgressService progress, String module) {
        ProgressReport report = progress.report(FiscalYear.of(2025), Scope.city());
        return report.policies().stream().anyMatch(p -> p.modules().contains(module));
    }
}
