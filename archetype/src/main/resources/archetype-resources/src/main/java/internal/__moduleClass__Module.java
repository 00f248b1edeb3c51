package ${package}.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.Direction;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.IndicatorSubject;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The module as the platform sees it: its id, basic policy, the indicator it computes for the progress roll-up, its
 * dashboard page and its demo data. The page (src/main/resources/dashboard/) is served from this bundle.
 */
@Component(service = PolicyModule.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + PolicyModule.DASHBOARD_PAGES + ${moduleClass}Service.MODULE_ID + "/*",
    "osgi.http.whiteboard.resource.prefix=/dashboard" })
public class ${moduleClass}Module implements PolicyModule {

    /** The plan indicator this module computes: the share of schools with at least one record in the year. */
    public static final String SCHOOLS_RECORDING = "${moduleId}.schools-recording";

    private static final LocalizedText NOTE = LocalizedText.of("その年度に1件以上記録した学校の割合",
            "Share of schools with at least one record in the fiscal year");

    private final ${moduleClass}Service service;

    @Activate
    public ${moduleClass}Module(@Reference ${moduleClass}Service service) {
        this.service = service;
    }

    @Override
    public String id() {
        return ${moduleClass}Service.MODULE_ID;
    }

    @Override
    public int basicPolicy() {
        return ${basicPolicy};
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("${moduleClass}", "${moduleClass}");
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of(SCHOOLS_RECORDING);
    }

    /**
     * Its indicator's definition for the plan: the plan editor offers it to the board, who adds it and sets its
     * targets (or changes it first). Say what exactly is counted, over what, in which unit.
     */
    @Override
    public List<Indicator> proposedIndicators() {
        return List.of(new Indicator(SCHOOLS_RECORDING, basicPolicy(), id(),
                LocalizedText.of("${moduleClass}を記録した学校の割合", "Schools recording ${moduleClass}"), NOTE, "%",
                IndicatorSubject.SCHOOL, Direction.HIGHER_IS_BETTER, null, null));
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        if (!SCHOOLS_RECORDING.equals(indicatorId)) {
            return Optional.empty();
        }
        ${moduleClass}Service.Share share = service.share(scope.isCity() ? null : scope.schoolId(), fiscalYear);
        return share.percent() == null ? Optional.empty() : Optional.of(new IndicatorValue(share.percent(),
                (long) share.schools(), service.clock().now(), NOTE, share.demo()));
    }

    @Override
    public Optional<String> dashboardPage() {
        return Optional.of(DASHBOARD_PAGES + id() + "/page.js");
    }

    /** Demo data: two of every three schools record a lesson in the demo's fiscal year. */
    @Override
    public void fillDemoData(DemoContext context) {
        LocalDate day = context.fiscalYear().start().plusMonths(2);
        if (day.isAfter(service.clock().today())) {
            return;
        }
        int i = 0;
        for (School school : context.schools()) {
            if (i++ % 3 != 2) {
                service.record(school.id(), new ${moduleClass}Service.Input(day, "デモ: ${moduleClass}", 1), "demo", true);
            }
        }
        context.progress(i + " schools");
    }
}
