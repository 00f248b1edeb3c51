package org.gigaplan.usage.internal.rest;

import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.usage.internal.LearningType;
import org.gigaplan.usage.internal.LessonCase;
import org.gigaplan.usage.internal.CaseService;
import org.gigaplan.usage.internal.UsageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Lesson cases (授業事例) of 1:1 device use: the board publishes them; schools search them and record "we used this
 * case"; adoption counts per case and per school.
 */
@Component(service = CaseResource.class)
@GigaPlanResource(name = "usage.cases")
@Path("usage/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    /** Adoptions per school: school id → "we used this case" records. */
    public record SchoolAdoptions(Map<String, Long> bySchool, long total) {
    }

    private final UsageService usage;
    private final CaseService lessonCases;
    private final AuditLog audit;

    @Activate
    public CaseResource(@Reference UsageService usage, @Reference CaseService lessonCases, @Reference AuditLog audit) {
        this.usage = usage;
        this.lessonCases = lessonCases;
        this.audit = audit;
    }

    /**
     * Published cases, newest first, filtered by any of: words in title, summary or subject ({@code q}); a scene;
     * learning type (a case for both serves either); subject; grade; school type; use of the support software.
     */
    @GET
    @Allow({ Role.BOARD, Role.SCHOOL })
    public Page<LessonCase> search(@QueryParam("q") String q, @QueryParam("scene") Integer scene,
            @QueryParam("learningType") String learningType, @QueryParam("subject") String subject,
            @QueryParam("grade") Integer grade, @QueryParam("schoolType") String schoolType,
            @QueryParam("supportSoftware") Boolean supportSoftware, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        LearningType type = learningType == null ? null : LearningType.parse(learningType).orElseThrow(
                () -> new InvalidInputException("learningType", "one of INDIVIDUAL, COLLABORATIVE, BOTH, was \"" + learningType + "\""));
        SchoolType st = schoolType == null ? null : SchoolType.parse(schoolType).orElseThrow(() -> new InvalidInputException(
                "schoolType", "one of ELEMENTARY, JUNIOR_HIGH, SECONDARY, HIGH, SPECIAL_NEEDS, was \"" + schoolType + "\""));
        if (scene != null && (scene < 1 || scene > 9)) {
            throw new InvalidInputException("scene", "no scene " + scene);
        }
        LessonCase.Query query = new LessonCase.Query(q == null || q.isBlank() ? null : q.trim(), scene, type,
                subject == null || subject.isBlank() ? null : subject.trim(), grade, st, supportSoftware);
        PageRequest page = PageRequest.of(offset, limit);
        return Page.of(lessonCases.searchCases(query, page.offset(), page.limit()), page, lessonCases.countCases(query));
    }

    @GET
    @Path("{id}")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public LessonCase one(@PathParam("id") long id) {
        return found(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(CaseService.CaseInput input, @Context Caller caller) {
        LessonCase c = lessonCases.publishCase(input, caller.name());
        audit.describe("usage lesson case " + c.id() + " published: " + c.title().ja());
        return Response.status(Response.Status.CREATED).entity(c).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public LessonCase update(@PathParam("id") long id, CaseService.CaseInput input) {
        LessonCase before = found(id);
        LessonCase after = lessonCases.updateCase(id, input).orElseThrow(() -> new NotFoundException("no lesson case " + id));
        audit.describe("usage lesson case " + id + " updated: " + before.title().ja() + " → " + after.title().ja());
        return after;
    }

    /** Withdraws a case from search; it and its adoptions are kept. */
    @DELETE
    @Path("{id}")
    public Response withdraw(@PathParam("id") long id) {
        LessonCase c = found(id);
        lessonCases.withdrawCase(id);
        audit.describe("usage lesson case " + id + " withdrawn: " + c.title().ja());
        return Response.noContent().build();
    }

    /** "We used this case": a school user for their school, the board naming the school. */
    @POST
    @Path("{id}/adoptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL })
    public Response adopt(@PathParam("id") long id, CaseService.AdoptionInput input, @Context Caller caller) {
        LessonCase c = found(id);
        LessonCase.Adoption a = lessonCases.adopt(c, input, caller.ownSchool(), caller.name());
        audit.describe(a.schoolId(), "usage lesson case " + id + " adopted on " + a.adoptedOn());
        return Response.status(Response.Status.CREATED).entity(a).build();
    }

    /** Adoption records, newest first: a school's own, or (board) every school's or one school's. */
    @GET
    @Path("adoptions")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public Page<LessonCase.Adoption> adoptions(@QueryParam("schoolId") String schoolId,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit, @Context Caller caller) {
        String school = caller.readScope(schoolId);
        PageRequest page = PageRequest.of(offset, limit);
        long total = school == null ? lessonCases.adoptionsBySchool().values().stream().mapToLong(Long::longValue).sum()
                : lessonCases.adoptionsBySchool().getOrDefault(school, 0L);
        return Page.of(lessonCases.adoptions(school, page.offset(), page.limit()), page, total);
    }

    /** Adoption counts per school, for the board. */
    @GET
    @Path("adoptions/by-school")
    public SchoolAdoptions bySchool() {
        Map<String, Long> counts = lessonCases.adoptionsBySchool();
        return new SchoolAdoptions(counts, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    private LessonCase found(long id) {
        return lessonCases.lessonCase(id).orElseThrow(() -> new NotFoundException("no lesson case " + id));
    }
}
