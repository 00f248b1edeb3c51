package org.gigaplan.usage.internal.rest;

import java.time.LocalDate;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.usage.internal.SchoolCalendar;
import org.gigaplan.usage.internal.ReportingService;
import org.gigaplan.usage.internal.UsageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The board's reminder list: schools and classes with no record for a week (default: last week). */
@Component(service = ReportingResource.class)
@GigaPlanResource(name = "usage.not-reporting")
@Path("usage/not-reporting")
@Produces(MediaType.APPLICATION_JSON)
public class ReportingResource {

    /** The list for one week: schools without any record first, then schools with classes missing. */
    public record NotReporting(LocalDate week, int schoolsWithoutRecords, int schoolsWithClassesMissing,
            List<ReportingService.Missing> schools) {
    }

    private final UsageService usage;
    private final ReportingService reporting;

    @Activate
    public ReportingResource(@Reference UsageService usage, @Reference ReportingService reporting) {
        this.usage = usage;
        this.reporting = reporting;
    }

    @GET
    public NotReporting list(@QueryParam("week") LocalDate week) {
        LocalDate w = week == null ? usage.calendar().lastWeek() : Requests.week(null, week, "week");
        Requests.fiscalYear(usage, FiscalYear.containing(w).year());
        List<ReportingService.Missing> missing = reporting.notReporting(SchoolCalendar.mondayOf(w));
        int none = (int) missing.stream().filter(m -> m.classesReporting() == 0).count();
        return new NotReporting(w, none, missing.size() - none, missing);
    }
}
