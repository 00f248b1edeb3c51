package org.gigaplan.usage.internal.rest;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
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
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.usage.internal.CheckIn;
import org.gigaplan.usage.internal.CheckInCsv;
import org.gigaplan.usage.internal.UsageService;
import org.gigaplan.usage.internal.WeeklyUseService;
import org.gigaplan.usage.internal.WeeklyFigure;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Teachers' weekly check-ins per class and scene, in JSON or CSV, and the weekly figures they make. */
@Component(service = CheckInResource.class)
@GigaPlanResource(name = "usage.check-ins")
@Path("usage/check-ins")
@Produces(MediaType.APPLICATION_JSON)
public class CheckInResource {

    private final UsageService usage;
    private final WeeklyUseService weeklyUse;
    private final AuditLog audit;

    @Activate
    public CheckInResource(@Reference UsageService usage, @Reference WeeklyUseService weeklyUse, @Reference AuditLog audit) {
        this.usage = usage;
        this.weeklyUse = weeklyUse;
        this.audit = audit;
    }

    /** Stores a batch of check-ins, all or none; a school's users record for their own school only. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL })
    public WeeklyUseService.BatchResult record(List<CheckIn> checkIns, @Context Caller caller) {
        WeeklyUseService.BatchResult result = weeklyUse.recordCheckIns(checkIns, caller.ownSchool(), caller.name(), false);
        describe(checkIns, result);
        return result;
    }

    /**
     * The same from CSV: {@code school_id,grade,class,week,scene1,…,scene5}; a scene cell is a count, a scale answer
     * or empty. All rows or none; errors name line and column.
     */
    @POST
    @Path("import")
    @Consumes("text/csv")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public WeeklyUseService.BatchResult importCsv(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @Context Caller caller) {
        CheckInCsv.Parsed parsed = CheckInCsv.parse(CsvTable.read(body, CsvTable.charsetOf(type)));
        try {
            WeeklyUseService.BatchResult result = weeklyUse.recordCheckIns(parsed.checkIns(), caller.ownSchool(),
                    caller.name(), false);
            describe(parsed.checkIns(), result);
            return result;
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.errors().stream().map(parsed::toCsv).toList());
        }
    }

    /** Stored weekly figures of a fiscal year (of one school, of one week), paginated. */
    @GET
    @Allow({ Role.BOARD, Role.SCHOOL })
    public Page<WeeklyFigure> list(@QueryParam("fiscalYear") Integer fiscalYear, @QueryParam("schoolId") String schoolId,
            @QueryParam("week") LocalDate week, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
            @Context Caller caller) {
        String school = caller.readScope(schoolId);
        FiscalYear fy = Requests.fiscalYear(usage, fiscalYear);
        LocalDate w = week == null ? null : Requests.week(fy, week, "week");
        PageRequest page = PageRequest.of(offset, limit);
        return Page.of(weeklyUse.figures(fy, school, w, page.offset(), page.limit()), page, weeklyUse.countFigures(fy, school, w));
    }

    /** Every weekly figure of a fiscal year as CSV, for spreadsheets. */
    @GET
    @Path("export")
    @Produces("text/csv")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public Response export(@QueryParam("fiscalYear") Integer fiscalYear, @QueryParam("schoolId") String schoolId,
            @Context Caller caller) {
        String school = caller.readScope(schoolId);
        FiscalYear fy = Requests.fiscalYear(usage, fiscalYear);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            int chunk = 5000;
            // Whole classes chunk after chunk by key, each its own short transaction: check-ins arriving meanwhile
            // shift nothing.
            List<WeeklyFigure> rows = weeklyUse.figuresAfter(fy, school, null, chunk);
            CheckInCsv.write(rows, usage.timesPerWeek(), writer, true);
            while (!rows.isEmpty()) {
                rows = weeklyUse.figuresAfter(fy, school, rows.get(rows.size() - 1), chunk);
                CheckInCsv.write(rows, usage.timesPerWeek(), writer, false);
            }
            writer.flush();
        };
        String name = "usage-" + fy.year() + (school == null ? "" : "-" + school) + ".csv";
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private void describe(List<CheckIn> checkIns, WeeklyUseService.BatchResult result) {
        List<String> schools = checkIns.stream().map(CheckIn::schoolId).filter(s -> s != null).distinct().toList();
        String summary = "usage check-ins: " + result.records() + " class-weeks, " + result.cells() + " scene figures"
                + (result.classesRegistered().isEmpty() ? "" : ", new classes " + String.join(", ", result.classesRegistered()));
        if (schools.size() == 1) {
            audit.describe(schools.get(0), summary);
        } else {
            audit.describe(summary + (schools.isEmpty() ? "" : " (schools " + String.join(", ", schools) + ")"));
        }
    }
}
