package org.gigaplan.platform.internal.rest;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.roster.HomeroomClass;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.roster.OneRoster;
import org.gigaplan.platform.internal.roster.RosterChange;
import org.gigaplan.platform.internal.roster.RosterServiceImpl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The roster: the board imports OneRoster 1.2 CSV sets (Japan Profile), as a zip, bulk or delta, all or nothing,
 * trying them first with {@code dryRun=true}; schools read their homeroom classes.
 */
@Component(service = RosterResource.class)
@GigaPlanResource(name = "gigaplan.roster")
@Path("roster")
@Produces(MediaType.APPLICATION_JSON)
public class RosterResource {

    private final RosterServiceImpl roster;
    private final AuditLog audit;

    @Activate
    public RosterResource(@Reference RosterServiceImpl roster, @Reference AuditLog audit) {
        this.roster = roster;
        this.audit = audit;
    }

    /**
     * Imports a OneRoster set as a zip of its CSV files ({@code manifest.csv} first among them): what changed, school
     * by school; with {@code dryRun=true}, what would change, storing nothing. Errors name file, line and column.
     */
    @POST
    @Path("import")
    @Consumes({ "application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM })
    public RosterChange importZip(InputStream body, @QueryParam("dryRun") boolean dryRun, @Context Caller caller) {
        var set = OneRoster.readZip(body);
        if (dryRun) {
            return roster.preview(set);
        }
        RosterChange change = roster.apply(set, caller.name());
        audit.describe("roster import " + change.modes() + ": " + change.schools().size() + " schools changed "
                + change.schools().stream().map(RosterChange.SchoolChange::schoolId).toList());
        return change;
    }

    /** The roster school by school: homeroom classes, teachers and learners (counts). */
    @GET
    @Path("schools")
    public List<RosterServiceImpl.SchoolRoster> schools() {
        return roster.summary();
    }

    /** A school's homeroom classes as the roster names them (a school: its own). */
    @GET
    @Path("classes")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public List<HomeroomClass> classes(@QueryParam("schoolId") String schoolId, @Context Caller caller) {
        return roster.classes(caller.schoolScope(schoolId));
    }
}
