package org.gigaplan.platform.internal.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.spi.Health;
import org.gigaplan.platform.internal.DemoService;
import org.gigaplan.platform.internal.security.Credentials;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Health for operators and monitoring: 200 while the database answers (DEGRADED when a module reports
 * trouble), 503 when it does not.
 */
@Component(service = HealthResource.class)
@GigaPlanResource(name = "gigaplan.health")
@Public
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    /** One module's own account of itself. */
    public record ModuleHealth(String id, Health.State state, String detail) {
    }

    /**
     * The platform's health. {@code demoCredentials} names the demo users and the demo agent key that log in now:
     * outside demo mode it must be empty, as their passwords and key are published.
     */
    public record Report(Health.State status, boolean database, String planDataVersion, boolean demo,
            int demoFillsPending, List<String> demoCredentials, List<ModuleHealth> modules) {
    }

    private final PlatformDatabase database;
    private final PlanService plans;
    private final ProgressService progress;
    private final DemoService demo;
    private final Credentials credentials;

    @Activate
    public HealthResource(@Reference PlatformDatabase database, @Reference PlanService plans,
            @Reference ProgressService progress, @Reference DemoService demo, @Reference Credentials credentials) {
        this.database = database;
        this.plans = plans;
        this.progress = progress;
        this.demo = demo;
        this.credentials = credentials;
    }

    @GET
    public Response health() {
        boolean db = database.ping();
        List<ModuleHealth> modules = progress.modules().stream()
                .map(m -> new ModuleHealth(m.id(), m.health().state(), m.health().detail())).toList();
        Health.State status = !db ? Health.State.DOWN
                : modules.stream().anyMatch(m -> m.state() != Health.State.UP) ? Health.State.DEGRADED
                        : Health.State.UP;
        Report report = new Report(status, db, plans.plan().dataVersion(), demo.enabled(), demo.pendingFills(),
                credentials.demoCredentials(), modules);
        return Response.status(db ? 200 : 503).entity(report).build();
    }
}
