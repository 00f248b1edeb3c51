package org.gigaplan.platform.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.Path;

import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.spi.PolicyModule;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract between a policy module and the platform that used to be a convention: every REST resource of a
 * module's bundle lives under {@code /api/<module id>/}. The board's per-school switch and the audit find a
 * module by that first path segment, so a resource anywhere else would escape both.
 *
 * <p>Checked by machine, whichever of the module and its resources registers first: a module that breaks it is
 * refused with an ERROR in the log that names the resource and the path it needs, is left out of the module list
 * and the plan's progress, and its resources answer 503 until a corrected bundle is installed.
 */
@Component(service = ModuleContracts.class)
public final class ModuleContracts {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleContracts.class);

    /** Module id of each bundle that registered a policy module, by bundle id. */
    private final Map<Long, String> modules = new ConcurrentHashMap<>();
    /** Why a bundle's module is refused, by bundle id. */
    private final Map<Long, String> refused = new ConcurrentHashMap<>();
    /** The JAX-RS resources registered in the framework; none outside one (unit tests). */
    private ServiceTracker<Object, ServiceReference<Object>> resources;

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        resources = new ServiceTracker<>(context, context.createFilter("(" + JaxrsWhiteboardConstants.JAX_RS_RESOURCE
                + "=true)"), null) {
            @Override
            public ServiceReference<Object> addingService(ServiceReference<Object> reference) {
                Bundle bundle = reference.getBundle();
                String module = bundle == null ? null : modules.get(bundle.getBundleId());
                if (module != null) {
                    check(bundle, module, reference);
                }
                return reference;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, ServiceReference<Object> service) {
                // A refusal stays until the module itself goes: the bundle that broke the contract is still there.
            }
        };
        resources.open();
    }

    @Deactivate
    void deactivate() {
        resources.close();
    }

    /**
     * Admits a policy module registered by {@code bundle} under {@code moduleId}, checking the resources its bundle
     * has registered so far (those that come later are checked as they come).
     *
     * @return whether the module keeps the contract so far
     */
    public boolean admit(Bundle bundle, String moduleId) {
        if (bundle == null) {
            return true;
        }
        modules.put(bundle.getBundleId(), moduleId);
        ServiceReference<Object>[] tracked = resources == null ? null : resources.getServiceReferences();
        if (tracked != null) {
            for (ServiceReference<Object> reference : tracked) {
                if (bundle.equals(reference.getBundle())) {
                    check(bundle, moduleId, reference);
                }
            }
        }
        return !isRefused(bundle);
    }

    /** Forgets a module that went away, and any refusal of its bundle: a corrected bundle starts clean. */
    public void leave(Bundle bundle) {
        if (bundle != null) {
            modules.remove(bundle.getBundleId());
            refused.remove(bundle.getBundleId());
        }
    }

    /** Whether the platform has taken in (admitted or refused) the policy module of this bundle. */
    public boolean isTakenIn(Bundle bundle) {
        return bundle != null && modules.containsKey(bundle.getBundleId());
    }

    public boolean isRefused(Bundle bundle) {
        return bundle != null && refused.containsKey(bundle.getBundleId());
    }

    /** Why the module whose bundle holds this resource class is refused, if it is. */
    public Optional<String> refusal(Class<?> resourceClass) {
        // Asked on every /api request: with no module refused (the usual case) it answers without finding the bundle.
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        Bundle bundle = resourceClass == null ? null : FrameworkUtil.getBundle(resourceClass);
        return bundle == null ? Optional.empty() : Optional.ofNullable(refused.get(bundle.getBundleId()));
    }

    private void check(Bundle bundle, String moduleId, ServiceReference<Object> reference) {
        for (String type : (String[]) reference.getProperty(Constants.OBJECTCLASS)) {
            Class<?> resource;
            try {
                resource = bundle.loadClass(type);
            } catch (ClassNotFoundException | IllegalStateException e) {
                continue;
            }
            pathProblem(moduleId, resource).ifPresent(problem -> {
                String reason = "policy module " + moduleId + " (bundle " + bundle.getSymbolicName() + ") is refused: "
                        + problem;
                if (refused.put(bundle.getBundleId(), reason) == null) {
                    LOG.error("{}. Its indicators show as not installed and its resources answer 503 until a "
                            + "corrected bundle is installed.", reason);
                }
            });
        }
    }

    /**
     * What is wrong with a module's dashboard page, if anything: it must be an ES module ({@code .js}) under
     * {@code /dashboard/modules/<id>/}, where its own bundle serves it, so no module's page stands in for another's.
     */
    public static Optional<String> pageProblem(String moduleId, String page) {
        String place = PolicyModule.DASHBOARD_PAGES + moduleId + "/";
        if (page.startsWith(place) && page.endsWith(".js") && !page.contains("..") && !page.contains("//")
                && page.length() > place.length() + 3) {
            return Optional.empty();
        }
        return Optional.of("its page is " + page + ", but a module's page must be a .js file under " + place);
    }

    /**
     * What is wrong with an indicator a module proposes for the plan, if anything: its id must start with the module's
     * id and a dot, and it must name the module as the one computing it.
     */
    public static Optional<String> proposalProblem(String moduleId, Indicator proposed) {
        if (proposed.id().startsWith(moduleId + ".") && moduleId.equals(proposed.module())) {
            return Optional.empty();
        }
        return Optional.of("it proposes indicator " + proposed.id() + " computed by " + proposed.module()
                + ", but a module proposes only its own: ids starting with " + moduleId + ".");
    }

    /**
     * What is wrong with a module's resource class, if anything: its {@code @Path} must start with the module's
     * id, so that it is served under {@code /api/<id>/}.
     */
    static Optional<String> pathProblem(String moduleId, Class<?> resource) {
        Path path = resource.getAnnotation(Path.class);
        if (path == null) {
            return Optional.empty();
        }
        String value = path.value().startsWith("/") ? path.value().substring(1) : path.value();
        int slash = value.indexOf('/');
        String first = slash < 0 ? value : value.substring(0, slash);
        if (first.equals(moduleId)) {
            return Optional.empty();
        }
        return Optional.of("its resource " + resource.getName() + " is at /" + GigaPlanRest.APPLICATION_BASE + "/" + value
                + ", but a module's resources must be under /" + GigaPlanRest.APPLICATION_BASE + "/" + moduleId
                + "/ (its id), where the board's per-school switch and the audit find them");
    }
}
