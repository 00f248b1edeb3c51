package org.gigaplan.training.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.training.internal.Course;
import org.gigaplan.training.internal.CourseService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The training catalog: board courses, in-school trainings, online peer learning and generative-AI courses. */
@Component(service = CourseResource.class)
@GigaPlanResource(name = "training.courses")
@Path("training/courses")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class CourseResource {

    private final CourseService courses;
    private final AuditLog audit;

    @Activate
    public CourseResource(@Reference CourseService courses, @Reference AuditLog audit) {
        this.courses = courses;
        this.audit = audit;
    }

    /** Courses with their sessions: every one for the board; the city's and its own for a school. */
    @GET
    public List<Course> list(@Context Caller caller) {
        return courses.courses(caller.ownSchool());
    }

    @GET
    @Path("{id}")
    public Course one(@PathParam("id") long id, @Context Caller caller) {
        Course c = found(id);
        readable(caller, c);
        return c;
    }

    /** The board adds any course; a school its own in-school trainings. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(CourseService.CourseInput input, @Context Caller caller) {
        Course c = courses.addCourse(input, caller.ownSchool(), caller.name(), false);
        describe(c.schoolId(), "training course " + c.id() + " added: " + c.title().ja() + " (" + c.kind() + ")");
        return Response.status(Response.Status.CREATED).entity(c).build();
    }

    @POST
    @Path("{id}/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addSession(@PathParam("id") long id, CourseService.SessionInput input,
            @Context Caller caller) {
        Course c = found(id);
        writable(caller, c);
        Course after = courses.addSession(c, input, false);
        describe(c.schoolId(), "training course " + id + " session on " + input.heldOn() + " for " + input.capacity());
        return Response.status(Response.Status.CREATED).entity(after).build();
    }

    /** The teacher's school: a school's users their own; the board names it. */
    static String school(Caller caller, CourseService.TeacherRef teacher) {
        if (teacher == null) {
            throw new org.gigaplan.plan.rest.InvalidInputException("body",
                    "give teacherId (and schoolId for the board)",
                    "教員ID（teacherId）を入力してください（教育委員会は学校ID（schoolId）も）");
        }
        return caller.schoolScope(teacher.schoolId());
    }

    private static void readable(Caller caller, Course c) {
        if (c.schoolId() != null) {
            caller.requireSchool(c.schoolId());
        }
    }

    private static void writable(Caller caller, Course c) {
        if (caller.role() != Role.BOARD && (c.schoolId() == null || !c.schoolId().equals(caller.schoolId()))) {
            throw new org.gigaplan.plan.security.AccessDeniedException("course " + c.id() + " is not your school's",
                    "研修 " + c.id() + " はあなたの学校のものではありません");
        }
    }

    private Course found(long id) {
        return courses.course(id).orElseThrow(() -> new NotFoundException("no course " + id));
    }

    private void describe(String school, String summary) {
        if (school == null) {
            audit.describe(summary);
        } else {
            audit.describe(school, summary);
        }
    }
}
