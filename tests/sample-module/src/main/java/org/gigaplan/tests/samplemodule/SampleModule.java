package org.gigaplan.tests.samplemodule;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.IndicatorSubject;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * TEST FIXTURE — not a real policy module. It claims basic policy 4 and the indicator
 * {@value #INDICATOR}, proposes one of its own ({@value #PROPOSED}) for the plan, and answers a fixed value ({@value #VALUE} over {@value #SAMPLE_SIZE} schools) for the
 * city and every school in every fiscal year, so the end-to-end tests can check that the platform picks a
 * module up when its feature is installed and drops it when it is uninstalled. Its demo hook stores nothing:
 * it remembers each call (fiscal year and number of schools) for {@code /api/samplemod/ping} to show, and from
 * then on marks its value as demo data. Its value's time is the platform's clock's, as any module's.
 */
// Its dashboard page (src/main/resources/dashboard/page.js) is served from this bundle, as a third party's would be.
@Component(service = PolicyModule.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + PolicyModule.DASHBOARD_PAGES + SampleModule.ID + "/*",
    "osgi.http.whiteboard.resource.prefix=/dashboard" })
public class SampleModule implements PolicyModule {

    /** Module id, also the path segment of its REST resource ({@code /api/samplemod}). */
    public static final String ID = "samplemod";

    /** The one plan indicator this fixture claims to compute. */
    public static final String INDICATOR = "outreach.parent-meeting";

    /** An indicator of its own it computes (the same fixed value) and proposes for the plan. */
    public static final String PROPOSED = ID + ".visits";

    /** The fixed value returned for {@link #INDICATOR}: meets the plan's FY2025 target of 100. */
    public static final double VALUE = 100.0;

    /** The fixed sample size returned with {@link #VALUE}: the number of schools in the sample directory. */
    public static final long SAMPLE_SIZE = 11;

    /** Demo fills received, as {@code FY2025:11} (fiscal year and schools), shared with the ping resource. */
    static final List<String> DEMO_FILLS = new CopyOnWriteArrayList<>();

    private static final LocalizedText NOTE = LocalizedText.of("テスト用の固定値です", "Fixed value of a test fixture");

    private final PlanClock clock;

    @Activate
    public SampleModule(@Reference PlanClock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> dashboardPage() {
        return Optional.of(DASHBOARD_PAGES + ID + "/page.js");
    }

    @Override
    public int basicPolicy() {
        return 4;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("テスト用サンプルモジュール", "Sample module (test fixture)");
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of(INDICATOR, PROPOSED);
    }

    @Override
    public List<Indicator> proposedIndicators() {
        return List.of(new Indicator(PROPOSED, 4, ID, LocalizedText.of("テスト用の訪問", "Test visits"),
                LocalizedText.of("テスト用の固定値", "A test fixture's fixed value"), "%", IndicatorSubject.SCHOOL,
                null, null, null));
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        if (!indicatorIds().contains(indicatorId)) {
            return Optional.empty();
        }
        return Optional.of(new IndicatorValue(VALUE, SAMPLE_SIZE, clock.now(), NOTE, !DEMO_FILLS.isEmpty()));
    }

    @Override
    public void fillDemoData(DemoContext context) {
        context.progress("recording a demo fill");
        DEMO_FILLS.add(context.fiscalYear() + ":" + context.schools().size());
    }
}
