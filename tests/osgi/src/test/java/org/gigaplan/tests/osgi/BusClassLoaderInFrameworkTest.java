package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpResponse;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.gigaplan.plan.security.Public;
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
 * The CXF bus serving /api holds the class loader its calls run with, so CXF stops searching the class path and the
 * framework for one before every call (the platform's BusClassLoader filter): the loader a resource method finds on
 * its thread is the bus's.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class BusClassLoaderInFrameworkTest {

    @Path("bus/loader")
    public static class Loader {
        @GET
        @Public
        public String loader() {
            Message message = PhaseInterceptorChain.getCurrentMessage();
            ClassLoader held = message.getExchange().getBus().getExtension(ClassLoader.class);
            return held == null ? "none" : held == Thread.currentThread().getContextClassLoader() ? "the call's"
                    : "another";
        }
    }

    @Test
    void theBusHoldsTheLoaderItsCallsRunWith(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        ServiceRegistration<?> module = context.registerService(PolicyModule.class, new TestModule("bus"), null);
        ServiceRegistration<?> resource = context.registerService(Loader.class, new Loader(), InFramework.apiResource());
        try {
            URI loader = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/bus/loader");
            InFramework.await("the resource served", () -> InFramework.get(loader, null).statusCode() == 200);
            for (int call = 0; call < 2; call++) {
                HttpResponse<String> answer = InFramework.get(loader, null);
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals("the call's", answer.body().replace("\"", "").strip(), "call " + call);
            }
        } finally {
            resource.unregister();
            module.unregister();
        }
    }
}
