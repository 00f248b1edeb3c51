package org.gigaplan.platform.internal.security;

import java.lang.annotation.Annotation;
import java.util.Set;

import javax.annotation.Priority;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.platform.internal.AuditLogImpl;
import org.gigaplan.platform.internal.rest.Problem;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every write through /api — whatever its outcome, refusals included — with who made it, for which
 * school, its status and what the resource described as changed, and makes the write one database transaction with
 * its audit entry: what the resource stored and the entry commit together, after the resource answered, or not at
 * all. A refused or failed write keeps nothing but its audit entry. When the entry cannot be written, or the
 * database undid the write in a conflict, nothing is stored and the answer is 503: a write that committed is never
 * answered with an error, and one answered with success is in the audit log.
 */
@PreMatching
@Priority(AuditFilter.PRIORITY)
public final class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** First of the request filters, so refusals by the others are recorded too; its response side runs last. */
    static final int PRIORITY = 100;

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String WRITE = "gigaplan.write";
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLogImpl audit;
    private final PlatformDatabase database;

    public AuditFilter(AuditLogImpl audit, PlatformDatabase database) {
        this.audit = audit;
        this.database = database;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (WRITES.contains(request.getMethod())) {
            request.setProperty(WRITE, database.beginWrite());
            audit.begin();
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(WRITE) instanceof Sql.Write write)) {
            return;
        }
        try {
            boolean lost = write.lost();
            if (lost || response.getStatus() >= 400) {
                write.rollback();
            }
            if (lost) {
                refuse(response, "the database undid this write in a conflict with another: nothing of it is "
                        + "stored; send it again");
            }
            audit.record(entry(request, response));
            write.commit();
        } catch (RuntimeException e) {
            LOG.error("An /api write and its audit entry could not be stored together: nothing of it is stored ({} "
                    + "/api/{} answered {})", request.getMethod(), request.getUriInfo().getPath(), response.getStatus(), e);
            write.rollback();
            refuse(response, "the write could not be recorded in the audit log: nothing of it is stored; send it "
                    + "again");
        } finally {
            write.close();
        }
    }

    /** Turns the answer into a 503 that asks to send the write again. */
    private static void refuse(ContainerResponseContext response, String detail) {
        response.setStatus(503);
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, "1");
        response.setEntity(Problem.of(Response.Status.SERVICE_UNAVAILABLE, detail), new Annotation[0],
                MediaType.valueOf(GigaPlanRest.PROBLEM_JSON));
    }

    private AuditEntry entry(ContainerRequestContext request, ContainerResponseContext response) {
        AuditLogImpl.Described described = audit.end();
        var caller = Caller.of(request.getSecurityContext());
        Object withoutRole = request.getProperty(AuthFilter.NO_ROLE);
        String actor = caller.map(Caller::name)
                .orElse(withoutRole != null ? withoutRole.toString() : "anonymous");
        String role = caller.map(c -> c.role().name().toLowerCase()).orElse(withoutRole != null ? "none" : "anonymous");
        String school = described.school() != null ? described.school() : caller.map(Caller::schoolId).orElse(null);
        return new AuditEntry(0, null, actor, role, school, "api",
                request.getMethod() + " /api/" + request.getUriInfo().getPath(), Integer.toString(response.getStatus()),
                described.summary());
    }
}
