package org.gigaplan.environment.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Policy 3 as the platform sees it: {@code environment.bandwidth} and {@code environment.learning-history} in the
 * progress roll-up, and the demo hook.
 */
// The module's dashboard page (src/main/resources/dashboard/) is served from this bundle: see dashboardPage().
@Component(service = PolicyModule.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + PolicyModule.DASHBOARD_PAGES + NetworkService.MODULE_ID + "/*",
    "osgi.http.whiteboard.resource.prefix=/dashboard" })
public class EnvironmentModule implements PolicyModule {

    public static final String BANDWIDTH = "environment.bandwidth";
    public static final String LEARNING_HISTORY = "environment.learning-history";
    /** Learners who opened their own learning history (P3-B2's second half). */
    public static final String LEARNER_HISTORY = "environment.learner-history";

    private static final LocalizedText LEARNER_NOTE = LocalizedText.of(
            "学習履歴の記録がある児童生徒のうち、自分の学習履歴を開いた児童生徒の割合（5人未満は非表示）",
            "Share of the learners with learning records who opened their own (not shown under five learners)");

    private static final LocalizedText NOTE = LocalizedText.of(
            "測定のある学校のうち、直近の授業時間帯の測定の中央値が当面の推奨帯域（文部科学省2024）以上の学校の割合",
            "Share of schools with measurements whose recent class-hour median meets MEXT's recommended bandwidth (2024)");

    private static final LocalizedText HISTORY_NOTE = LocalizedText.of(
            "その年度に回答した教員のうち、学習履歴を週1回以上活用していると回答した教員の割合",
            "Share of the teachers reporting for the year who use learning histories at least once a week");

    private final NetworkService network;
    private final XapiService xapi;
    private final HistoryUseService uses;

    @Activate
    public EnvironmentModule(@Reference NetworkService network, @Reference XapiService xapi,
            @Reference HistoryUseService uses) {
        this.network = network;
        this.xapi = xapi;
        this.uses = uses;
    }

    @Override
    public String id() {
        return NetworkService.MODULE_ID;
    }

    @Override
    public Optional<String> dashboardPage() {
        return Optional.of(DASHBOARD_PAGES + id() + "/page.js");
    }

    @Override
    public int basicPolicy() {
        return 3;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("ネットワーク環境のモニタリング", "Network monitoring");
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of(BANDWIDTH, LEARNING_HISTORY, LEARNER_HISTORY);
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        String school = scope.isCity() ? null : scope.schoolId();
        List<String> served = network.servedSchools();
        if (LEARNER_HISTORY.equals(indicatorId)) {
            return xapi.learnersLooking(fiscalYear, school, served)
                    .map(v -> new IndicatorValue(v[0], (long) v[1], now(), LEARNER_NOTE, v[2] > 0));
        }
        if (LEARNING_HISTORY.equals(indicatorId)) {
            return uses.indicator(fiscalYear, school)
                    .map(v -> new IndicatorValue(v[0], (long) v[1], now(), HISTORY_NOTE, v[2] > 0,
                            school == null ? Coverage.schools(uses.schoolsReporting(fiscalYear, served), served.size())
                                    : null));
        }
        if (!BANDWIDTH.equals(indicatorId)) {
            return Optional.empty();
        }
        return network.shareMeeting(fiscalYear, school)
                .map(v -> new IndicatorValue(v[0], (long) v[1], now(), NOTE, v[2] > 0,
                        school == null ? Coverage.schools((int) v[1], Math.max((int) v[1], served.size())) : null));
    }

    @Override
    public int teacherRecords(String schoolId, String teacherCode) {
        return uses.records(schoolId, teacherCode);
    }

    @Override
    public int removeTeacher(String schoolId, String teacherCode) {
        return uses.remove(schoolId, teacherCode);
    }

    @Override
    public Map<String, Set<String>> teachersNamed() {
        return uses.teachersNamed();
    }

    @Override
    public void fillDemoData(DemoContext context) {
        new NetworkDemo(network, xapi, uses, context).fill();
    }

    /** The platform's now: an indicator value's time. */
    private Instant now() {
        return network.clock().now();
    }
}
