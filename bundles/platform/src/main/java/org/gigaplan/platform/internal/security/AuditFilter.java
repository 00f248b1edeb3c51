package org.gigaplan.platform.internal.security;

import java.util.Set;

import javax.annotation.Priority;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.platform.internal.AuditLogImpl;

/**
 * Records every write through /api — whatever its outcome, refusals included — with who made it, for which
 * school, its status and what the resource described as changed.
 */
@PreMatching
@Priority(AuditFilter.PRIORITY)
public final class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** First of the request filters, so refusals by the others are recorded too; its response side runs last. */
    static final int PRIORITY = 100;

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String AUDITED = "gigaplan.audited";

    private final AuditLogImpl audit;

    public AuditFilter(AuditLogImpl audit) {
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (WRITES.contains(request.getMethod())) {
            request.setProperty(AUDITED, Boolean.TRUE);
            audit.begin();
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(AUDITED) == null) {
            return;
        }
        AuditLogImpl.Described described = audit.end();
        var caller = Caller.of(request.getSecurityContext());
        Object withoutRole = request.getProperty(AuthFilter.NO_ROLE);
        String actor = caller.map(Caller::name)
                .orElse(withoutRole != null ? withoutRole.toString() : "anonymous");
        String role = caller.map(c -> c.role().name().toLowerCase()).orElse(withoutRole != null ? "none" : "anonymous");
        String school = described.school() != null ? described.school() : caller.map(Caller::schoolId).orElse(null);
        audit.record(new AuditEntry(0, null, actor, role, school, "api",
                request.getMethod() + " /api/" + request.getUriInfo().getPath(), Integer.toString(response.getStatus()),
                described.summary()));
    }
}
