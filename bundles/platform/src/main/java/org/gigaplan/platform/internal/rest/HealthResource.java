package org.gigaplan.platform.internal.rest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Set;
import java.util.stream.Stream;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.platform.internal.ModuleContracts;
import org.gigaplan.plan.spi.Health;
import org.gigaplan.platform.internal.DemoService;
import org.gigaplan.platform.internal.security.Credentials;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;

/**
 * Health for operators, monitoring and load balancers. {@code GET /api/health} is readiness: 200 (UP, or DEGRADED when
 * a module reports trouble) once the database answers and every resource registered for /api is served, 503 while
 * some are not yet (STARTING, naming them) or the database does not answer (DOWN). {@code GET /api/health/live} is
 * liveness: 200 whenever the platform answers at all.
 */
@Component(service = HealthResource.class)
@GigaPlanResource(name = "gigaplan.health")
@Public
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    /**
     * How long the HTTP whiteboard's pages must have stayed the same before they count as served: Pax Web deploys a
     * page on its own thread a few milliseconds after it is registered (measured 1-3 ms in karaf.log).
     */
    static final java.time.Duration WEB_SETTLE = java.time.Duration.ofMillis(250);

    /** The capability namespace bnd declares a component's services in (OSGi's service namespace). */
    static final String SERVICE_NAMESPACE = "osgi.service";

    /** The platform's state: a module's own states, and STARTING while endpoints are still being registered. */
    public enum Status {
        UP, DEGRADED, STARTING, DOWN
    }

    /** Liveness: the platform answers. */
    public record Live(Status status) {
    }

    /** One module's own account of itself. */
    public record ModuleHealth(String id, Health.State state, String detail) {
    }

    /**
     * The platform's health. {@code demoCredentials} names the demo users and the demo agent key that log in now:
     * outside demo mode it must be empty, as their passwords and key are published.
     */
    public record Report(Status status, boolean ready, List<String> waitingFor, boolean database,
            String planDataVersion, boolean demo, int demoFillsPending, List<String> demoCredentials,
            List<ModuleHealth> modules) {
    }

    private final PlatformDatabase database;
    private final PlanService plans;
    private final ProgressService progress;
    private final DemoService demo;
    private final Credentials credentials;
    private final ServiceReference<JaxrsServiceRuntime> runtimeReference;
    private final JaxrsServiceRuntime runtime;
    private final ServedResources served = new ServedResources();
    /** Whether a bundle's manifest declares a policy module, by revision (a revision's manifest never changes). */
    private final Map<BundleRevision, Boolean> declares = Collections.synchronizedMap(new WeakHashMap<>());
    private final ModuleContracts contracts;
    private final BootPhase bootPhase;
    /** When a page or servlet of the HTTP whiteboard (the dashboard's files, a module's page) last came or went. */
    private volatile long webChangedAt;
    private org.osgi.framework.ServiceListener webListener;

    /** Services the HTTP whiteboard serves: the dashboard, the modules' pages, the error pages. */
    static final String WEB_SERVICES = "(|(osgi.http.whiteboard.resource.pattern=*)(osgi.http.whiteboard.servlet.pattern=*))";
    private final BundleContext context;
    private final ModuleStalls stalls = new ModuleStalls(System::nanoTime);

    @Activate
    public HealthResource(@Reference PlatformDatabase database, @Reference PlanService plans,
            @Reference ProgressService progress, @Reference DemoService demo, @Reference Credentials credentials,
            @Reference ServiceReference<JaxrsServiceRuntime> runtime, @Reference ModuleContracts contracts,
            @Reference BootPhase bootPhase, BundleContext context) {
        this.runtimeReference = runtime;
        this.runtime = context.getService(runtime);
        this.database = database;
        this.plans = plans;
        this.progress = progress;
        this.demo = demo;
        this.credentials = credentials;
        this.contracts = contracts;
        this.bootPhase = bootPhase;
        this.context = context;
        this.webListener = e -> webChangedAt = System.nanoTime();
        try {
            context.addServiceListener(webListener, WEB_SERVICES);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @org.osgi.service.component.annotations.Deactivate
    void stop() {
        context.removeServiceListener(webListener);
        context.ungetService(runtimeReference);
    }

    @GET
    public Response health() {
        boolean db = database.ping();
        List<Bundle> declared = declaredModules();
        List<String> waitingFor = waitingFor(declared);
        List<ModuleHealth> modules = Stream.concat(progress.modules().stream()
                .map(m -> new ModuleHealth(m.id(), m.health().state(), m.health().detail())),
                stalls.stalled(declared).stream().map(HealthResource::stalled)).toList();
        Status status = !db ? Status.DOWN : !waitingFor.isEmpty() ? Status.STARTING
                : modules.stream().anyMatch(m -> m.state() != Health.State.UP) ? Status.DEGRADED : Status.UP;
        Report report = new Report(status, db && waitingFor.isEmpty(), waitingFor, db, plans.plan().dataVersion(),
                demo.enabled(), demo.pendingFills(), credentials.demoCredentials(), modules);
        return Response.status(report.ready() ? 200 : 503).entity(report).build();
    }

    /** A module bundle readiness no longer waits for: it serves nothing, and says so. */
    private static ModuleHealth stalled(Bundle bundle) {
        return new ModuleHealth(bundle.getSymbolicName(), Health.State.DOWN, "bundle " + bundle.getSymbolicName()
                + " declares a policy module that has not registered for " + ModuleStalls.GRACE.toMinutes()
                + " minutes: a service or configuration it needs is missing, or its activation failed (see "
                + "scr:list, bundle:diag " + bundle.getBundleId() + " and the log)");
    }

    @GET
    @Path("live")
    public Live live() {
        return new Live(Status.UP);
    }

    /**
     * The resources registered for /api that the JAX-RS whiteboard does not serve (yet), by name: a module's
     * endpoints answer only once they are served.
     *
     * @param declared the bundles declaring a policy module the platform has not taken in (read once per call)
     */
    private List<String> waitingFor(List<Bundle> declared) {
        List<String> boot = bootPhase.waitingFor();
        if (!boot.isEmpty()) {
            return boot;
        }
        // Every policy module has been taken in by the platform, which happens once its services are activated (its
        // migrations run, its kept counts checked or recounted): the whiteboard may be quiet for long meanwhile, with
        // the module's endpoints still to come. Those registered already are seen by their service; those still
        // activating, or stopped for a moment by a refresh, by the PolicyModule their bundle declares it provides.
        Stream<Bundle> registered = Stream.of(references(PolicyModule.class.getName(), null))
                .map(ServiceReference::getBundle);
        List<String> modules = Stream.concat(registered, stalls.waitingFor(declared).stream())
                .filter(b -> b != null && !contracts.isTakenIn(b)).map(b -> "module " + b.getSymbolicName())
                .distinct().sorted().toList();
        if (!modules.isEmpty()) {
            return modules;
        }
        // The HTTP whiteboard deploys a page registered a moment ago on its own thread: the dashboard, registered last
        // at a boot, answered 404 for a few milliseconds after the platform had called itself ready.
        long webQuietFor = System.nanoTime() - webChangedAt;
        if (webChangedAt != 0 && webQuietFor < WEB_SETTLE.toNanos()) {
            return List.of("the web pages to be served (changed " + webQuietFor / 1_000_000 + " ms ago)");
        }
        List<ServiceReference<?>> resources = Stream.of(references(null,
                "(" + JaxrsWhiteboardConstants.JAX_RS_RESOURCE + "=true)"))
                .filter(r -> GigaPlanRest.APPLICATION_SELECT.equals(
                        r.getProperty(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT))).toList();
        Set<Long> served = this.served.served(runtimeReference.getProperty(Constants.SERVICE_CHANGECOUNT),
                resources.stream().map(r -> (Long) r.getProperty(Constants.SERVICE_ID)).toList(), runtime::getRuntimeDTO);
        List<String> unserved = resources.stream()
                .filter(r -> !served.contains((Long) r.getProperty(Constants.SERVICE_ID)))
                .map(r -> String.valueOf(r.getProperty(JaxrsWhiteboardConstants.JAX_RS_NAME) != null
                        ? r.getProperty(JaxrsWhiteboardConstants.JAX_RS_NAME) : r.getProperty(Constants.SERVICE_ID)))
                .sorted().toList();
        return !unserved.isEmpty() ? unserved : ServingDeployment.waitingFor(resources.size());
    }

    /**
     * The bundles meant to run (active, or persistently started and not active yet) that declare a policy module
     * service in their manifest ({@code Provide-Capability: osgi.service}, written by bnd from the component), and
     * whose module the platform has not taken in.
     */
    private List<Bundle> declaredModules() {
        return Stream.of(context.getBundles()).filter(HealthResource::meantToRun)
                .filter(this::declaresPolicyModule).filter(b -> !contracts.isTakenIn(b)).toList();
    }

    private static boolean meantToRun(Bundle bundle) {
        try {
            return bundle.getState() == Bundle.ACTIVE || bundle.getState() != Bundle.UNINSTALLED
                    && bundle.adapt(BundleStartLevel.class).isPersistentlyStarted();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false; // uninstalled meanwhile
        }
    }

    private boolean declaresPolicyModule(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && declares.computeIfAbsent(revision, HealthResource::manifestDeclaresPolicyModule);
    }

    static boolean manifestDeclaresPolicyModule(BundleRevision revision) {
        return revision.getDeclaredCapabilities(SERVICE_NAMESPACE).stream()
                .map(c -> c.getAttributes().get(Constants.OBJECTCLASS))
                .anyMatch(types -> types instanceof List<?> list && list.contains(PolicyModule.class.getName()));
    }

    private ServiceReference<?>[] references(String type, String filter) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(type, filter);
            return found == null ? new ServiceReference<?>[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
