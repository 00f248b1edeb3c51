package org.gigaplan.outreach.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Policy 4 as the platform sees it: parent-meeting compliance, staff meetings per school and support-site posts in
 * the progress roll-up, and the demo hook.
 */
// The module's dashboard page (src/main/resources/dashboard/) is served from this bundle: see dashboardPage().
@Component(service = PolicyModule.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + PolicyModule.DASHBOARD_PAGES + PostService.MODULE_ID + "/*",
    "osgi.http.whiteboard.resource.prefix=/dashboard" })
public class OutreachModule implements PolicyModule {

    public static final String PARENT_MEETING = "outreach.parent-meeting";
    public static final String STAFF_MEETING = "outreach.staff-meeting";
    public static final String POSTS = "outreach.support-site-posts";

    private static final LocalizedText PARENT_NOTE = LocalizedText.of(
            "その年度に保護者会等でICT活用を説明した学校の割合（今日まで）",
            "Share of schools that explained ICT use at a parent meeting in the fiscal year (up to today)");
    private static final LocalizedText STAFF_NOTE = LocalizedText.of("ICT活用の取組を周知した職員会議等の1校あたりの件数",
            "Staff meetings sharing ICT initiatives per school");
    private static final LocalizedText POSTS_NOTE = LocalizedText.of("その年度にサポートサイトで公開した記事の件数（今日まで）",
            "Posts published on the support site in the fiscal year (up to today)");

    private final PostService posts;
    private final MeetingService meetings;

    @Activate
    public OutreachModule(@Reference PostService posts, @Reference MeetingService meetings) {
        this.posts = posts;
        this.meetings = meetings;
    }

    @Override
    public String id() {
        return PostService.MODULE_ID;
    }

    @Override
    public Optional<String> dashboardPage() {
        return Optional.of(DASHBOARD_PAGES + id() + "/page.js");
    }

    @Override
    public int basicPolicy() {
        return 4;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("情報発信・保護者への説明", "Outreach to families and staff");
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of(PARENT_MEETING, STAFF_MEETING, POSTS);
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        if (fiscalYear.start().isAfter(posts.today())) {
            return Optional.empty();
        }
        String school = scope.isCity() ? null : scope.schoolId();
        switch (indicatorId) {
            case PARENT_MEETING -> {
                if (school != null) {
                    return meetings.compliant(fiscalYear, school)
                            .map(held -> new IndicatorValue(held ? 100 : 0, 1L, now(), PARENT_NOTE, false));
                }
                Meeting.Compliance c = meetings.compliance(fiscalYear, null);
                return c.share() == null ? Optional.empty()
                        : Optional.of(new IndicatorValue(c.share(), (long) c.schools(), now(), PARENT_NOTE, c.demo()));
            }
            case STAFF_MEETING -> {
                Meeting.StaffCounts counts = meetings.staffCounts(fiscalYear, school);
                return counts.perSchool() == null ? Optional.empty()
                        : Optional.of(new IndicatorValue(counts.perSchool(), (long) counts.schools().size(), now(),
                                STAFF_NOTE, counts.demo()));
            }
            case POSTS -> {
                if (school != null) {
                    return Optional.empty();
                }
                PostService.Activity activity = posts.activity(fiscalYear);
                return Optional.of(new IndicatorValue(activity.published(), null, now(), POSTS_NOTE,
                        activity.demo()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    @Override
    public void fillDemoData(DemoContext context) {
        new OutreachDemo(posts, meetings, context).fill();
    }

    /** The platform's now: an indicator value's time. */
    private Instant now() {
        return posts.clock().now();
    }
}
