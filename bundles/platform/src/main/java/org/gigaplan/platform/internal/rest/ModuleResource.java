package org.gigaplan.platform.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Public;
import org.gigaplan.platform.internal.ProgressServiceImpl;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.platform.internal.AuditSummaries;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The policy modules installed right now, their indicators and health, and the board's per-school switches. */
@Component(service = ModuleResource.class)
@GigaPlanResource(name = "gigaplan.modules")
@Allow({ Role.BOARD, Role.SCHOOL })
@Path("modules")
@Produces(MediaType.APPLICATION_JSON)
public class ModuleResource {

    /** Whether a module is on for a school. */
    public record SchoolSwitch(String module, String schoolId, boolean enabled) {
    }

    /** The body of a switch. */
    public record Switch(Boolean enabled) {
    }

    private final ProgressService progress;
    private final ModuleEnablement enablement;
    private final SchoolService schools;
    private final AuditLog audit;
    private final ProgressServiceImpl pages;

    @Activate
    public ModuleResource(@Reference ProgressService progress, @Reference ModuleEnablement enablement,
            @Reference SchoolService schools, @Reference AuditLog audit, @Reference ProgressServiceImpl pages) {
        this.pages = pages;
        this.progress = progress;
        this.enablement = enablement;
        this.schools = schools;
        this.audit = audit;
    }

    @GET
    public List<ModuleInfo> modules() {
        return progress.modules();
    }

    /**
     * The dashboard pages of the modules installed now, for anyone: the dashboard imports them to offer each module's
     * views. For a school's user, staff, teacher or learner, only those of modules on for their school.
     */
    @GET
    @Path("pages")
    @Public
    public List<ProgressServiceImpl.ModulePage> pages(@Context Caller caller) {
        return pages.pages(caller == null ? null : caller.ownSchool());
    }

    /** Every school with whether the module is on for it. */
    @GET
    @Path("{id}/schools")
    @Allow(Role.BOARD)
    public List<SchoolSwitch> schools(@PathParam("id") String id) {
        installed(id);
        return schools.all().stream().map(s -> new SchoolSwitch(id, s.id(), enablement.isEnabled(id, s.id()))).toList();
    }

    /** Switches the module on or off for one school: {@code {"enabled": false}}. */
    @PUT
    @Path("{id}/schools/{schoolId}")
    @Allow(Role.BOARD)
    @Consumes(MediaType.APPLICATION_JSON)
    public SchoolSwitch set(@PathParam("id") String id, @PathParam("schoolId") String schoolId, Switch body,
            @Context SecurityContext security) {
        installed(id);
        if (schools.find(schoolId).isEmpty()) {
            throw Problem.notFound("schoolId", "no school " + schoolId);
        }
        if (body.enabled() == null) {
            throw new InvalidInputException("enabled", "required: true or false");
        }
        boolean before = enablement.set(id, schoolId, body.enabled(),
                "api:" + Caller.of(security).map(Caller::name).orElseThrow(IllegalStateException::new));
        audit.describe(schoolId, AuditSummaries.moduleSwitch(id, schoolId, before, body.enabled()));
        return new SchoolSwitch(id, schoolId, body.enabled());
    }

    private void installed(String id) {
        if (!progress.installed(id)) {
            throw Problem.notFound("id", "no installed policy module " + id);
        }
    }
}
