package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Calls without credentials are served a few at a time (here one): while one is being served, the next anonymous
 * call waits its turn and, past the configured wait, is answered 503 with Retry-After; a call with credentials is
 * served at once beside them; once the turn is free, anonymous calls are served again.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class AnonymousGateInFrameworkTest {

    static final CountDownLatch ENTERED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Path("gate/hold")
    public static class Hold {
        @GET
        @Public
        public String hold() throws InterruptedException {
            ENTERED.countDown();
            RELEASE.await(30, TimeUnit.SECONDS);
            return "released";
        }
    }

    @Test
    void anAnonymousCallWaitsForItsTurnAndACallWithCredentialsDoesNot(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) ConfigurationAdmin configurations,
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        Configuration api = configurations.getConfiguration("org.gigaplan.platform.api", "?");
        Dictionary<String, Object> one = new Hashtable<>();
        one.put("anonymousAtOnce", 1);
        one.put("anonymousWaitSeconds", 1);
        // No rest after a call (the held one lasts seconds): the turns alone are looked at here.
        one.put("anonymousSharePercent", 100);
        api.update(one);
        ServiceRegistration<?> module = context.registerService(PolicyModule.class, new TestModule("gate"), null);
        ServiceRegistration<?> resource = context.registerService(Hold.class, new Hold(), InFramework.apiResource());
        URI base = InFramework.endpoint(runtime.getServiceReference());
        URI years = base.resolve("/api/fiscal-years");
        CompletableFuture<HttpResponse<String>> held = null;
        try {
            InFramework.await("the gate configured", () -> {
                HttpResponse<String> r = InFramework.get(years, null);
                return r.statusCode() == 200;
            });
            URI hold = base.resolve("/api/gate/hold");
            held = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(hold).timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(ENTERED.await(30, TimeUnit.SECONDS), "the held call reached its resource");

            HttpResponse<String> waited = InFramework.get(years, null);
            assertEquals(503, waited.statusCode(), waited.body());
            assertEquals("1", waited.headers().firstValue("Retry-After").orElse(null));
            assertTrue(waited.body().contains("try again") && waited.body().contains("再試行"), waited.body());

            HttpResponse<String> withCredentials = InFramework.get(years, "Bearer gpk_nosuchkey_secret");
            assertEquals(401, withCredentials.statusCode(), "served at once, and refused for its wrong key");

            RELEASE.countDown();
            assertEquals(200, held.get(30, TimeUnit.SECONDS).statusCode());
            assertEquals(200, InFramework.get(years, null).statusCode(), "the turn is free again");
        } finally {
            RELEASE.countDown();
            resource.unregister();
            module.unregister();
            api.delete();
        }
    }
}
