package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Dictionary;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Readiness means every endpoint registered for /api is served: while one is registered and not served (here, one
 * waiting for an extension that never comes), /api/health answers 503 STARTING and names it; liveness answers 200.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class ReadinessInFrameworkTest {

    @Path("pending/ping")
    public static class Pending {
        @GET
        public String get() {
            return "pong";
        }
    }

    @Test
    void healthIsNotReadyWhileAnEndpointIsNotServed(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        URI health = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/health");
        InFramework.await("ready", () -> InFramework.get(health, null).statusCode() == 200);

        Dictionary<String, Object> properties = InFramework.apiResource();
        properties.put(JaxrsWhiteboardConstants.JAX_RS_NAME, "pending.ping");
        properties.put(JaxrsWhiteboardConstants.JAX_RS_EXTENSION_SELECT, "(osgi.jaxrs.name=no-such-extension)");
        ServiceRegistration<?> pending = context.registerService(Pending.class, new Pending(), properties);
        try {
            // The endpoint it cannot serve is named.
            InFramework.await("not ready, naming the endpoint", () -> {
                HttpResponse<String> answer = InFramework.get(health, null);
                return answer.statusCode() == 503 && answer.body().contains("pending.ping");
            });
            assertTrue(InFramework.get(health, null).body().contains("\"STARTING\""));
            assertEquals(200, InFramework.get(health.resolve("/api/health/live"), null).statusCode(), "alive all the same");
        } finally {
            pending.unregister();
        }
        InFramework.await("ready again", () -> InFramework.get(health, null).statusCode() == 200);
    }

    @Test
    void healthIsNotReadyWhileAModuleIsStillActivating(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        URI health = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/health");
        InFramework.await("ready", () -> InFramework.get(health, null).statusCode() == 200);
        // A module whose activation takes long (migrations, a recount of what it keeps): registered, its object not
        // handed out yet. The whiteboard is quiet all that time, and readiness still waits for it.
        java.util.concurrent.CountDownLatch activated = new java.util.concurrent.CountDownLatch(1);
        ServiceFactory<PolicyModule> slow = new ServiceFactory<>() {
            @Override
            public PolicyModule getService(Bundle bundle, ServiceRegistration<PolicyModule> registration) {
                try {
                    activated.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new TestModule("slow");
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<PolicyModule> registration, PolicyModule service) {
            }
        };
        java.util.concurrent.CompletableFuture<ServiceRegistration<?>> registering = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> context.registerService(PolicyModule.class.getName(), slow, null));
        try {
            // Long after the whiteboard's last change: only the module keeps /api from being ready.
            Thread.sleep(1_500);
            HttpResponse<String> waiting = InFramework.get(health, null);
            assertEquals(503, waiting.statusCode(), waiting.body());
            assertTrue(waiting.body().contains("module " + context.getBundle().getSymbolicName()), waiting.body());
        } finally {
            activated.countDown();
            registering.get(30, java.util.concurrent.TimeUnit.SECONDS).unregister();
        }
        InFramework.await("ready again", () -> InFramework.get(health, null).statusCode() == 200);
    }

    @Test
    void healthWaitsForAModuleItsBundleDeclaresBeforeItIsRegistered(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        URI health = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/health");
        InFramework.await("ready", () -> InFramework.get(health, null).statusCode() == 200);
        // A module bundle started whose component has not activated yet (here: never will, it has no code), as
        // during a boot or a refresh: nothing is registered, yet its manifest says a policy module is coming.
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.gigaplan.tests.declared");
        main.putValue("Provide-Capability",
                "osgi.service;objectClass:List<String>=\"" + PolicyModule.class.getName() + "\"");
        java.io.ByteArrayOutputStream jar = new java.io.ByteArrayOutputStream();
        new java.util.jar.JarOutputStream(jar, manifest).close();
        Bundle declared = context.installBundle("memory:declared", new java.io.ByteArrayInputStream(jar.toByteArray()));
        try {
            declared.start();
            InFramework.await("not ready, naming the module", () -> {
                HttpResponse<String> answer = InFramework.get(health, null);
                return answer.statusCode() == 503 && answer.body().contains("module org.gigaplan.tests.declared");
            });
        } finally {
            declared.uninstall();
        }
        InFramework.await("ready again", () -> InFramework.get(health, null).statusCode() == 200);
    }
}
