package org.gigaplan.outreach.internal.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.outreach.internal.Meeting;
import org.gigaplan.outreach.internal.MeetingService;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FiscalYearParam;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The board's views over every school: staff meetings per school and term, and parent-meeting compliance. */
@Component(service = MeetingReportResource.class)
@GigaPlanResource(name = "outreach.meetings")
@Path("outreach/meetings")
@Produces(MediaType.APPLICATION_JSON)
public class MeetingReportResource {

    private final MeetingService meetings;

    @Activate
    public MeetingReportResource(@Reference MeetingService meetings) {
        this.meetings = meetings;
    }

    /** Every school's staff meetings of a fiscal year (this one by default) per term, and the mean per school. */
    @GET
    @Path("staff")
    public Meeting.StaffCounts staff(@QueryParam("fiscalYear") Integer fiscalYear) {
        return meetings.staffCounts(FiscalYearParam.of(fiscalYear, "fiscalYear", meetings.clock()), null);
    }

    /**
     * Which schools have not yet explained ICT use at a parent meeting this fiscal year, as of a day (today by
     * default; with only {@code fiscalYear}, today or that year's last day), and the days left.
     */
    @GET
    @Path("parent/compliance")
    public Meeting.Compliance compliance(@QueryParam("fiscalYear") Integer fiscalYear, @QueryParam("date") String date) {
        LocalDate day = null;
        if (date != null) {
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("date", "YYYY-MM-DD, was \"" + date + "\"",
                        "日付は YYYY-MM-DD の形にしてください（\"" + date + "\"でした）");
            }
            if (day.getYear() < FiscalYear.MIN_YEAR || day.getYear() > FiscalYear.MAX_YEAR) {
                throw new InvalidInputException("date", "from " + FiscalYear.MIN_YEAR + " to " + FiscalYear.MAX_YEAR
                        + ", was " + date, FiscalYear.MIN_YEAR + "年〜" + FiscalYear.MAX_YEAR + "年の日付にしてください（"
                        + date + "でした）");
            }
        }
        FiscalYear fy = fiscalYear != null ? FiscalYearParam.of(fiscalYear, "fiscalYear", meetings.clock())
                : day != null ? FiscalYear.containing(day) : FiscalYearParam.of(null, "fiscalYear", meetings.clock());
        return meetings.compliance(fy, day);
    }
}
