package org.gigaplan.training.internal.rest;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.training.internal.Assessment;
import org.gigaplan.training.internal.AssessmentCsv;
import org.gigaplan.training.internal.CourseService;
import org.gigaplan.training.internal.GenAi;
import org.gigaplan.training.internal.Rates;
import org.gigaplan.training.internal.TeacherSkills;
import org.gigaplan.training.internal.TrainingService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * One school's checklist self-assessments: recorded by the school (JSON, or CSV of the whole school), read back per
 * teacher and as the school's rates. The board reads any school, but a school of fewer than five teachers shows it
 * no rates. A teacher (JAAS role {@code teacher@<school>/<code>}) records and reads their own answers, training
 * record, recommendations and generative-AI use, nothing else.
 */
@Component(service = SchoolTrainingResource.class)
@GigaPlanResource(name = "training.schools")
@Path("training/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class SchoolTrainingResource {

    private final TrainingService training;
    private final CourseService courses;
    private final AuditLog audit;

    @Activate
    public SchoolTrainingResource(@Reference TrainingService training, @Reference CourseService courses,
            @Reference AuditLog audit) {
        this.training = training;
        this.courses = courses;
        this.audit = audit;
    }

    /** Stores self-assessments of the school's teachers, all or none; a teacher stores their own only. */
    @POST
    @Path("assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public TrainingService.BatchResult record(@PathParam("schoolId") String schoolId, List<Assessment> assessments,
            @Context Caller caller) {
        known(schoolId);
        ownOnly(caller, schoolId, assessments == null ? List.of()
                : assessments.stream().map(a -> a == null ? null : a.teacherId()).toList());
        TrainingService.BatchResult result = training.record(schoolId, assessments, caller.name(),
                caller.role() == Role.BOARD, false);
        describe(schoolId, result);
        return result;
    }

    /** The whole school's answers of a fiscal year from CSV: {@code teacher_id,A-1,…,D-4}. */
    @POST
    @Path("assessments/import")
    @Consumes("text/csv")
    public TrainingService.BatchResult importCsv(@PathParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @Context Caller caller) {
        known(schoolId);
        FieldChecks check = new FieldChecks();
        FiscalYear fy = training.surveyYear(fiscalYear, "fiscalYear", caller.role() == Role.BOARD, check);
        check.throwIfAny();
        List<Assessment> parsed = AssessmentCsv.parse(CsvTable.read(body, CsvTable.charsetOf(type)), fy,
                training.checklist(), training.teachers(), schoolId);
        TrainingService.BatchResult result = training.record(schoolId, parsed, caller.name(),
                caller.role() == Role.BOARD, false);
        describe(schoolId, result);
        return result;
    }

    /** Teacher code → item → answer, for a fiscal year (default: this one). */
    @GET
    @Path("assessments")
    public Map<String, Map<String, Integer>> answers(@PathParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear) {
        known(schoolId);
        return training.answers(schoolId, fiscalYear(fiscalYear));
    }

    @GET
    @Path("assessments/export")
    @Produces("text/csv")
    public Response export(@PathParam("schoolId") String schoolId, @QueryParam("fiscalYear") Integer fiscalYear) {
        known(schoolId);
        FiscalYear fy = fiscalYear(fiscalYear);
        Map<String, Map<String, Integer>> answers = training.answers(schoolId, fy);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            AssessmentCsv.write(answers, training.checklist(), writer);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"checklist-" + schoolId + "-" + fy.year() + ".csv\"").build();
    }

    /** One teacher's answers and category scores beside last year's. */
    @GET
    @Path("teachers/{teacherId}")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public TeacherSkills teacher(@PathParam("schoolId") String schoolId, @PathParam("teacherId") String teacherId,
            @QueryParam("fiscalYear") Integer fiscalYear, @Context Caller caller) {
        known(schoolId);
        caller.requireTeacher(schoolId, teacherId);
        return training.teacher(schoolId, teacherId, fiscalYear(fiscalYear))
                .orElseThrow(() -> new NotFoundException("no answers of teacher " + teacherId + " at " + schoolId));
    }

    /** A teacher's trainings (研修履歴) across years. */
    @GET
    @Path("teachers/{teacherId}/record")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public CourseService.TrainingRecord record(@PathParam("schoolId") String schoolId,
            @PathParam("teacherId") String teacherId, @Context Caller caller) {
        known(schoolId);
        caller.requireTeacher(schoolId, teacherId);
        return courses.record(schoolId, teacherId);
    }

    /** Trainings for a teacher: those building the category the teacher answers lowest. */
    @GET
    @Path("teachers/{teacherId}/recommendations")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public CourseService.Recommendation recommend(@PathParam("schoolId") String schoolId,
            @PathParam("teacherId") String teacherId, @QueryParam("fiscalYear") Integer fiscalYear,
            @Context Caller caller) {
        known(schoolId);
        caller.requireTeacher(schoolId, teacherId);
        return courses.recommend(schoolId, teacherId, fiscalYear(fiscalYear))
                .orElseThrow(() -> new NotFoundException("no answers of teacher " + teacherId + " at " + schoolId));
    }

    /** The school's weakest categories, the trainings building them, and an in-school plan by teachers' stage. */
    @GET
    @Path("plan")
    public CourseService.SchoolPlan plan(@PathParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear) {
        known(schoolId);
        return courses.plan(schoolId, fiscalYear(fiscalYear));
    }

    /** Teachers' generative-AI use reports, all or none; a teacher reports their own only. */
    @POST
    @Path("genai")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public Map<String, Integer> reportGenAi(@PathParam("schoolId") String schoolId, List<GenAi.Report> reports,
            @Context Caller caller) {
        known(schoolId);
        ownOnly(caller, schoolId, reports == null ? List.of()
                : reports.stream().map(r -> r == null ? null : r.teacherId()).toList());
        int stored = courses.reportGenAi(schoolId, reports, caller.role() == Role.BOARD, false);
        audit.describe(schoolId, "training generative-AI use: " + stored + " reports");
        return Map.of("reports", stored);
    }

    /** The school's generative-AI use (the board sees no figures for fewer than five teachers). */
    @GET
    @Path("genai")
    public GenAi.Use genAi(@PathParam("schoolId") String schoolId, @QueryParam("fiscalYear") Integer fiscalYear,
            @Context Caller caller) {
        known(schoolId);
        return courses.genAiUse(fiscalYear(fiscalYear), schoolId, caller.role() == Role.BOARD);
    }

    /** The school's rates per category and item, and the change since last year. */
    @GET
    @Path("rates")
    public Rates rates(@PathParam("schoolId") String schoolId, @QueryParam("fiscalYear") Integer fiscalYear,
            @Context Caller caller) {
        known(schoolId);
        return training.rates(fiscalYear(fiscalYear), schoolId, caller.role() == Role.BOARD);
    }

    /** Refuses a school that is not in the directory (the platform has refused another school's to the caller). */
    private void known(String schoolId) {
        training.school(schoolId, "schoolId");
    }

    /** A teacher writes their own records only (the board and the school's staff anyone's of the school). */
    private static void ownOnly(Caller caller, String schoolId, List<String> teacherIds) {
        for (String id : teacherIds) {
            caller.requireTeacher(schoolId, id == null ? "" : id.trim());
        }
    }

    private FiscalYear fiscalYear(Integer year) {
        return training.fiscalYear(year, "fiscalYear");
    }

    private void describe(String schoolId, TrainingService.BatchResult r) {
        audit.describe(schoolId, "training checklist: " + r.answers() + " answers of " + r.teachers() + " teachers"
                + (r.teachersRegistered().isEmpty() ? "" : ", new teachers " + String.join(", ", r.teachersRegistered())));
    }
}
