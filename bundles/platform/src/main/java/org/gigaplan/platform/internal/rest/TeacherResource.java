package org.gigaplan.platform.internal.rest;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.platform.internal.TeacherServiceImpl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A school's list of teachers: records may name only teachers on it. The school (or the board) puts the whole list;
 * teachers left out are retired with their records kept. The board removes a teacher listed by mistake, with every
 * record naming them.
 */
@Component(service = TeacherResource.class)
@GigaPlanResource(name = "gigaplan.teachers")
@Path("schools/{schoolId}/teachers")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class TeacherResource {

    private final TeacherServiceImpl teachers;
    private final SchoolService schools;
    private final AuditLog audit;

    @Activate
    public TeacherResource(@Reference TeacherServiceImpl teachers, @Reference SchoolService schools,
            @Reference AuditLog audit) {
        this.teachers = teachers;
        this.schools = schools;
        this.audit = audit;
    }

    /** The school's teachers by code; with {@code retired=true} also those taken off the list. */
    @GET
    public List<Teacher> list(@PathParam("schoolId") String schoolId, @QueryParam("retired") Boolean retired) {
        school(schoolId);
        return teachers.list(schoolId, Boolean.TRUE.equals(retired));
    }

    /**
     * Puts the school's whole list, {@code [{"code":"T01","name":"…"}]} (name optional): new codes are added, the
     * names set, and teachers not in it retired (their records stay; listing them again brings them back).
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public TeacherServiceImpl.ListChange put(@PathParam("schoolId") String schoolId, List<TeacherServiceImpl.Listed> list,
            @Context Caller caller) {
        school(schoolId);
        TeacherServiceImpl.ListChange change = teachers.replace(schoolId, list, caller.name());
        audit.describe(schoolId, "teachers of " + schoolId + ": " + change.teachers().size() + " listed, "
                + change.added().size() + " added, " + change.relisted().size() + " listed again, "
                + change.retired().size() + " retired");
        return change;
    }

    /** A teacher of the list (retired too) and how many records each module holds naming them. */
    @GET
    @Path("{code}")
    public TeacherServiceImpl.TeacherRecords one(@PathParam("schoolId") String schoolId, @PathParam("code") String code) {
        school(schoolId);
        return teachers.records(schoolId, code)
                .orElseThrow(() -> Problem.notFound("code", "no teacher " + code + " on " + schoolId + "'s list"));
    }

    /** The board removes a teacher listed by mistake, and every record naming them; answers what each module removed. */
    @DELETE
    @Path("{code}")
    @Allow(Role.BOARD)
    public Map<String, Object> remove(@PathParam("schoolId") String schoolId, @PathParam("code") String code) {
        school(schoolId);
        Map<String, Integer> removed = teachers.remove(schoolId, code)
                .orElseThrow(() -> Problem.notFound("code", "no teacher " + code + " on " + schoolId + "'s list"));
        audit.describe(schoolId, "teacher " + code + " of " + schoolId + " removed with their records " + removed);
        return Map.of("schoolId", schoolId, "code", code, "recordsRemoved", removed);
    }

    private void school(String schoolId) {
        if (schools.find(schoolId).isEmpty()) {
            throw Problem.notFound("schoolId", "no school " + schoolId);
        }
    }
}
