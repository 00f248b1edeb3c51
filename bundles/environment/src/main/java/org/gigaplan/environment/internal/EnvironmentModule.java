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

/** Policy 3 as the platform sees it: {@code environment.bandwidth} in the progress roll-up, and the demo hook. */
@Component(service = PolicyModule.class)
public class EnvironmentModule implements PolicyModule {

    public static final String BANDWIDTH = "environment.bandwidth";

    private static final LocalizedText NOTE = LocalizedText.of(
            "測定のある学校のうち、直近の授業時間帯の測定の中央値が当面の推奨帯域（文部科学省2024）以上の学校の割合",
            "Share of schools with measurements whose recent class-hour median meets MEXT's recommended bandwidth (2024)");

    private final NetworkService network;
    private final XapiService xapi;

    @Activate
    public EnvironmentModule(@Reference NetworkService network, @Reference XapiService xapi) {
        this.network = network;
        this.xapi = xapi;
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
        return Set.of(BANDWIDTH);
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        if (!BANDWIDTH.equals(indicatorId)) {
            return Optional.empty();
        }
        return network.shareMeeting(fiscalYear, scope.isCity() ? null : scope.schoolId())
                .map(v -> new IndicatorValue(v[0], (long) v[1], Instant.now(), NOTE, v[2] > 0));
    }

    @Override
    public void fillDemoData(DemoContext context) {
        new NetworkDemo(network, xapi, context).fill();
    }
}
