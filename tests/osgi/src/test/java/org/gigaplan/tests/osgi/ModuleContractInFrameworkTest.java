package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A module's REST path segment is its id: the platform checks it as the module and its resources register, in
 * either order, and refuses a module that breaks it (it is left out of the module list and the plan's progress).
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class ModuleContractInFrameworkTest {

    @Path("elsewhere")
    public static class Elsewhere {
        @GET
        public String get() {
            return "served outside /api/rogue/";
        }
    }

    @Path("kept/ping")
    public static class UnderItsId {
        @GET
        public String get() {
            return "pong";
        }
    }

    @Test
    void aModuleWhoseResourceIsOutsideItsPathIsRefusedWhicheverRegistersFirst(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) ProgressService progress,
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        // The resource first, then the module.
        ServiceRegistration<?> resource = context.registerService(Elsewhere.class, new Elsewhere(), InFramework.apiResource());
        ServiceRegistration<?> module = context.registerService(PolicyModule.class, new TestModule("rogue"), null);
        try {
            assertFalse(ids(progress).contains("rogue"), "refused: " + ids(progress));
        } finally {
            module.unregister();
            resource.unregister();
        }
        // The module first, then the resource: refused as the resource comes, and the resource answers 503.
        module = context.registerService(PolicyModule.class, new TestModule("rogue"), null);
        try {
            InFramework.await("the module in", () -> ids(progress).contains("rogue"));
            resource = context.registerService(Elsewhere.class, new Elsewhere(), InFramework.apiResource());
            try {
                assertFalse(ids(progress).contains("rogue"), "refused once its resource came: " + ids(progress));
                URI elsewhere = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/elsewhere");
                InFramework.await("the resource on /api", () -> InFramework.status(elsewhere) != 404);
                assertEquals(503, InFramework.status(elsewhere), "a refused module's resource is not served");
            } finally {
                resource.unregister();
            }
        } finally {
            module.unregister();
        }
    }

    @Test
    void aModuleWhoseResourcesAreUnderItsIdIsIn(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) ProgressService progress,
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        ServiceRegistration<?> resource = context.registerService(UnderItsId.class, new UnderItsId(), InFramework.apiResource());
        ServiceRegistration<?> module = context.registerService(PolicyModule.class, new TestModule("kept"), null);
        try {
            assertTrue(ids(progress).contains("kept"), "admitted: " + ids(progress));
            // Served like any resource: the platform asks a caller of a method that is not public to log in.
            URI ping = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/kept/ping");
            InFramework.await("the resource on /api", () -> InFramework.status(ping) != 404);
            assertEquals(401, InFramework.status(ping));
        } finally {
            module.unregister();
            resource.unregister();
        }
    }

    private static Set<String> ids(ProgressService progress) {
        return Set.copyOf(progress.modules().stream().map(ModuleInfo::id).toList());
    }
}
