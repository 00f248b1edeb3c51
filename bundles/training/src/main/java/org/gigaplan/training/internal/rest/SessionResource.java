package org.gigaplan.training.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.training.internal.Course;
import org.gigaplan.training.internal.CourseService;
import org.gigaplan.training.internal.store.CourseStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A training session: teachers enrol (up to its capacity) and their attendance is recorded. */
@Component(service = SessionResource.class)
@GigaPlanResource(name = "training.sessions")
@Path("training/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class SessionResource {

    private final CourseService courses;
    private final AuditLog audit;

    @Activate
    public SessionResource(@Reference CourseService courses, @Reference AuditLog audit) {
        this.courses = courses;
        this.audit = audit;
    }

    /**
     * Who is enrolled and whether they attended: every school's teachers for the board, a school's own for its staff.
     */
    @GET
    @Path("enrolments")
    public List<Course.Enrolled> enrolments(@PathParam("sessionId") long sessionId, @Context Caller caller) {
        course(sessionId, caller);
        return courses.enrolled(sessionId, caller.role() == Role.BOARD ? null : caller.schoolId());
    }

    /**
     * The course of a session. An in-school training's is another school's to refuse before anything else is said of
     * it (that a teacher is not its school's would name the school it is of).
     */
    private Course course(long sessionId, Caller caller) {
        Course c = courses.courseOfSession(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
        if (c.schoolId() != null) {
            caller.requireSchool(c.schoolId());
        }
        return c;
    }

    /** Enrols a teacher; 409 when the session is full or the teacher is enrolled already. */
    @POST
    @Path("enrolments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrol(@PathParam("sessionId") long sessionId, CourseService.TeacherRef teacher,
            @Context Caller caller) {
        Course c = course(sessionId, caller);
        String school = CourseResource.school(caller, teacher);
        CourseStore.Enrolment result = courses.enrol(sessionId, c, school, teacher.teacherId(), false);
        if (result != CourseStore.Enrolment.ENROLLED) {
            throw result == CourseStore.Enrolment.FULL
                    ? new ConflictException("sessionId", "session " + sessionId + " is full",
                            "この研修の回（" + sessionId + "）は定員に達しています")
                    : new ConflictException("teacherId", teacher.teacherId() + " is enrolled in session " + sessionId
                            + " already", "教員 " + teacher.teacherId() + " はこの研修の回（" + sessionId + "）に申し込み済みです");
        }
        audit.describe(school, "training session " + sessionId + ": " + teacher.teacherId() + " enrolled");
        return Response.status(Response.Status.CREATED).entity(courses.course(c.id()).orElseThrow()).build();
    }

    /** Records whether an enrolled teacher attended ({@code "attended": true} by default). */
    @PUT
    @Path("attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    public Course attend(@PathParam("sessionId") long sessionId, CourseService.TeacherRef teacher,
            @Context Caller caller) {
        Course c = course(sessionId, caller);
        String school = CourseResource.school(caller, teacher);
        boolean attended = teacher.attended() == null || teacher.attended();
        if (!courses.attend(sessionId, school, teacher.teacherId(), attended)) {
            throw new NotFoundException(teacher.teacherId() + " of " + school + " is not enrolled in session " + sessionId);
        }
        audit.describe(school, "training session " + sessionId + ": " + teacher.teacherId()
                + (attended ? " attended" : " did not attend"));
        return courses.course(c.id()).orElseThrow();
    }
}
