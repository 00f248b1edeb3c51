package org.gigaplan.environment.internal;

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
 * Policy 3 as the platform sees it: {@code environment.bandwidth} and {@code environment.learning-history} in the
 * progress roll-up, and the demo hook.
 */
@Component(service = PolicyModule.class)
public class EnvironmentModule implements PolicyModule {

    public static final String BANDWIDTH = "environment.bandwidth";
    public static final String LEARNING_HISTORY = "environment.learning-history";

    private static final LocalizedText NOTE = LocalizedText.of(
            "測定のある学校のうち、直近の授業時間帯の測定の中央値が当面の推奨帯域（文部科学省2024）以上の学校の割合",
            "Share of schools with measurements whose recent class-hour median meets MEXT's recommended bandwidth (2024)");

    private static final LocalizedText HISTORY_NOTE = LocalizedText.of(
            "その年度に回答した教員のうち、学習履歴を週1回以上活用していると回答した教員の割合（5人未満の学校は表示しない）",
            "Share of the teachers reporting for the year who use learning histories at least once a week (not shown "
                    + "for schools with fewer than 5)");

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
    public int basicPolicy() {
        return 3;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("ネットワーク環境のモニタリング", "Network monitoring");
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of(BANDWIDTH, LEARNING_HISTORY);
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        String school = scope.isCity() ? null : scope.schoolId();
        if (LEARNING_HISTORY.equals(indicatorId)) {
            return uses.indicator(fiscalYear, school)
                    .map(v -> new IndicatorValue(v[0], (long) v[1], Instant.now(), HISTORY_NOTE, v[2] > 0));
        }
        if (!BANDWIDTH.equals(indicatorId)) {
            return Optional.empty();
        }
        return network.shareMeeting(fiscalYear, scope.isCity() ? null : scope.schoolId())
                .map(v -> new IndicatorValue(v[0], (long) v[1], Instant.now(), NOTE, v[2] > 0));
    }

    @Override
    public void fillDemoData(DemoContext context) {
        new NetworkDemo(network, xapi, uses, context).fill();
    }
}
