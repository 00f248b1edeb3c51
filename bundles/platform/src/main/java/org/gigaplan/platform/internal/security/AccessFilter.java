package org.gigaplan.platform.internal.security;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.PathSegment;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.platform.internal.ModuleContracts;
import org.gigaplan.platform.internal.rest.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link Public} and {@link Allow} on the matched resource method of any bundle: anonymous callers
 * of a method that is not public get 401, callers without one of its roles 403. A method with neither
 * annotation, on itself or its class, is for the board only. A school's users and agents also get 403 from a
 * module ({@code /api/<module>/…}) the board switched off for their school, and from a method that is not public
 * when its {@code schoolId} path or query parameter names another school. A module refused for breaking its
 * contract with the platform ({@link ModuleContracts}) answers 503.
 */
@Priority(Priorities.AUTHORIZATION)
public final class AccessFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);
    private static final Set<Role> BOARD_ONLY = EnumSet.of(Role.BOARD);

    @Context
    private ResourceInfo resource;

    private final ModuleEnablement modules;
    private final ModuleContracts contracts;

    public AccessFilter(ModuleEnablement modules, ModuleContracts contracts) {
        this.modules = modules;
        this.contracts = contracts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        var refusal = contracts.refusal(resource.getResourceClass());
        if (refusal.isPresent()) {
            request.abortWith(Problem.of(Response.Status.SERVICE_UNAVAILABLE, refusal.get()).toResponse());
            return;
        }
        var caller = Caller.of(request.getSecurityContext());
        if (caller.isPresent() && caller.get().schoolId() != null) {
            List<PathSegment> path = request.getUriInfo().getPathSegments();
            String module = path.isEmpty() ? "" : path.get(0).getPath();
            if (!modules.isEnabled(module, caller.get().schoolId())) {
                request.abortWith(Problem.of(Response.Status.FORBIDDEN, "the board has switched " + module
                        + " off for school " + caller.get().schoolId()).toResponse());
                return;
            }
        }
        Set<Role> allowed = allowed(method, resource.getResourceClass());
        if (allowed == null) {
            return;
        }
        if (caller.isEmpty()) {
            Object withoutRole = request.getProperty(AuthFilter.NO_ROLE);
            if (withoutRole != null) {
                request.abortWith(Problem.of(Response.Status.FORBIDDEN, "user " + withoutRole + " has no GIGA Plan "
                        + "role (board, school@<school id>, teacher@<school id>/<teacher code> or learner@<school id>)").toResponse());
            } else {
                request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                        "log in: this needs one of the roles " + names(allowed)).toResponse())
                        .header(HttpHeaders.WWW_AUTHENTICATE, AuthFilter.CHALLENGE).build());
            }
            return;
        }
        if (!allowed.contains(caller.get().role())) {
            LOG.warn("Refused {} {} to {} ({}): needs {}", request.getMethod(), request.getUriInfo().getPath(),
                    caller.get().name(), caller.get().role(), allowed);
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "this needs one of the roles " + names(allowed)
                    + "; you are " + caller.get().role().name().toLowerCase()).toResponse());
            return;
        }
        String school = namedSchool(request);
        if (school != null && !caller.get().mayAccessSchool(school)) {
            LOG.warn("Refused {} {} to {} ({} of {}): school {} is not theirs", request.getMethod(),
                    request.getUriInfo().getPath(), caller.get().name(), caller.get().role(), caller.get().schoolId(), school);
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "school " + school + " is not yours").toResponse());
        }
    }

    /**
     * The school a request names in a {@code schoolId} path or query parameter, the one place modules declare which
     * school a call is about: the platform refuses another school's to everyone but the board, so no resource repeats
     * the rule.
     */
    static String namedSchool(ContainerRequestContext request) {
        String school = request.getUriInfo().getPathParameters().getFirst(GigaPlanRest.SCHOOL_PARAMETER);
        if (school == null || school.isBlank()) {
            school = request.getUriInfo().getQueryParameters().getFirst(GigaPlanRest.SCHOOL_PARAMETER);
        }
        return school == null || school.isBlank() ? null : school.trim();
    }

    /**
     * Roles allowed to call the method, or null when it is public. Annotations on the method win over those on
     * its class; the pre-matching AuthFilter has run before this post-matching filter.
     */
    public static Set<Role> allowed(Method method, Class<?> type) {
        if (method.isAnnotationPresent(Public.class)) {
            return null;
        }
        Allow allow = method.getAnnotation(Allow.class);
        if (allow != null) {
            return roles(allow);
        }
        if (type != null && type.isAnnotationPresent(Public.class)) {
            return null;
        }
        allow = type == null ? null : type.getAnnotation(Allow.class);
        return allow == null ? BOARD_ONLY : roles(allow);
    }

    private static Set<Role> roles(Allow allow) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(Arrays.asList(allow.value()));
        return roles;
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(r -> r.name().toLowerCase()).sorted().toList().toString();
    }
}
