package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The module inside a real OSGi framework beside the platform, as Karaf runs it (mvn verify; test.bndrun): it
 * resolves against plan-model, migrates its tables on the platform's database, joins the platform's modules with its
 * indicator, serves its resources under /api/${moduleId} behind the platform's sign-in and its page on the
 * dashboard, and leaves and comes back with its bundle. Only the exported API is used: the module's internals are
 * private to its bundle.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ${moduleClass}InFrameworkTest {

    private static final String MODULE = "${moduleId}";
    private static final String BUNDLE = "${artifactId}";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    ProgressService progress;

    @InjectService(timeout = 30_000)
    ServiceAware<JaxrsServiceRuntime> runtime;

    @Test
    @Order(1)
    void theModuleJoinsThePlatformWithItsIndicatorAndItsTables(@InjectService(timeout = 30_000) Database database)
            throws Exception {
        assertEquals(Bundle.ACTIVE, InFramework.bundle(context, BUNDLE).getState(), "resolved and started");
        InFramework.await(MODULE + " among the platform's modules", () -> module() != null);
        assertEquals(List.of(MODULE + ".schools-recording"), module().indicatorIds());
        int rows = database.transaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + MODULE + "_record")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertEquals(0, rows, "its changelog made its table on the platform's database");
    }

    @Test
    @Order(2)
    void itsResourcesAreUnderItsIdBehindTheSignInAndItsPageIsServed() throws Exception {
        Bundle bundle = InFramework.bundle(context, BUNDLE);
        InFramework.await("its resources on /api", () -> !paths(bundle).isEmpty());
        List<String> paths = paths(bundle);
        assertTrue(paths.stream().allMatch(p -> p.startsWith("/" + MODULE + "/")), () -> "under /api/" + MODULE + ": " + paths);
        URI base = InFramework.endpoint(runtime.getServiceReference());
        assertEquals(401, InFramework.status(base.resolve("api/" + MODULE + "/share")), "the platform's sign-in first");
        assertEquals(200, InFramework.status(base.resolve("dashboard/modules/" + MODULE + "/page.js")), "its page");
    }

    @Test
    @Order(3)
    void stoppedItLeavesThePlatformAndStartedItComesBack() throws Exception {
        Bundle bundle = InFramework.bundle(context, BUNDLE);
        InFramework.await(MODULE + " among the modules", () -> module() != null);
        bundle.stop();
        try {
            InFramework.await(MODULE + " gone", () -> module() == null);
            InFramework.await("its resources gone", () -> paths(bundle).isEmpty());
        } finally {
            bundle.start();
        }
        InFramework.await(MODULE + " back", () -> module() != null);
        InFramework.await("its resources back", () -> !paths(bundle).isEmpty());
    }

    private ModuleInfo module() {
        return progress.modules().stream().filter(m -> MODULE.equals(m.id())).findFirst().orElse(null);
    }

    private List<String> paths(Bundle bundle) {
        return InFramework.api(runtime.getService()).isPresent()
                ? InFramework.resourcePaths(context, runtime.getService(), bundle) : List.of();
    }
}
