package org.gigaplan.usage.internal;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.Health;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.usage.internal.SceneAttainment.SceneFigure;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Policy 1 as the platform sees it: the scene indicators {@code usage.scene1}…{@code usage.scene5} of the progress
 * roll-up, and the demo hook.
 */
// The module's dashboard page (src/main/resources/dashboard/) is served from this bundle: see dashboardPage().
@Component(service = PolicyModule.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + PolicyModule.DASHBOARD_PAGES + UsageService.MODULE_ID + "/*",
    "osgi.http.whiteboard.resource.prefix=/dashboard" })
public class UsageModule implements PolicyModule {

    /** Indicator ids are this prefix and the scene number. */
    public static final String INDICATOR_PREFIX = "usage.scene";

    private static final LocalizedText CITY_NOTE = LocalizedText.of(
            "記録のある小学校・中学校のうち目標を達成した学校の割合",
            "Share of the elementary and junior high schools with records that meet the target");
    private static final LocalizedText SCHOOL_NOTE = LocalizedText.of(
            "この学校の記録のある学級のうち目標を達成した学級の割合",
            "Share of this school's classes with records that meet the target");

    private final UsageService usage;
    private final AttainmentService attainments;
    private final WeeklyUseService weeklyUse;
    private final MeasureService ownMeasures;
    private final CaseService lessonCases;
    private final UsageEvidence evidence;

    @Activate
    public UsageModule(@Reference UsageService usage, @Reference AttainmentService attainments,
            @Reference WeeklyUseService weeklyUse, @Reference MeasureService ownMeasures,
            @Reference CaseService lessonCases) {
        this.weeklyUse = weeklyUse;
        this.ownMeasures = ownMeasures;
        this.lessonCases = lessonCases;
        this.usage = usage;
        this.attainments = attainments;
        this.evidence = new UsageEvidence(usage);
    }

    @Override
    public String id() {
        return UsageService.MODULE_ID;
    }

    @Override
    public Optional<String> dashboardPage() {
        return Optional.of(DASHBOARD_PAGES + id() + "/page.js");
    }

    @Override
    public int basicPolicy() {
        return 1;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("場面ごとの端末活用・授業事例", "Scene-based device use and lesson cases");
    }

    @Override
    public Set<String> indicatorIds() {
        return Stream.concat(IntStream.rangeClosed(1, 5).mapToObj(n -> INDICATOR_PREFIX + n),
                Stream.of(UsageEvidence.LESSON_CASES, UsageEvidence.CASE_ADOPTION, UsageEvidence.DIALOGUE))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        switch (indicatorId) {
            case UsageEvidence.LESSON_CASES -> {
                return evidence.lessonCases(fiscalYear);
            }
            case UsageEvidence.CASE_ADOPTION -> {
                return evidence.caseAdoption(scope, fiscalYear);
            }
            case UsageEvidence.DIALOGUE -> {
                return evidence.dialogue(scope, fiscalYear);
            }
            default -> {
                if (!indicatorId.startsWith(INDICATOR_PREFIX)) {
                    return Optional.empty();
                }
            }
        }
        int scene;
        try {
            scene = Integer.parseInt(indicatorId.substring(INDICATOR_PREFIX.length()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        SceneAttainment a = attainments.attainment(usage.calendar().year(fiscalYear), AttainmentService.GroupBy.CITY,
                scope.isCity() ? null : scope.schoolId());
        Optional<SceneFigure> f = a.groups().stream().flatMap(g -> g.scenes().stream())
                .filter(x -> x.scene() == scene && x.classes() > 0).findFirst();
        if (f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(evidence.scene(f.get(), scope, a, CITY_NOTE, SCHOOL_NOTE));
    }

    @Override
    public Health health() {
        try {
            usage.classes("-");
            return Health.up();
        } catch (RuntimeException e) {
            return Health.down("usage tables do not answer: " + e.getMessage());
        }
    }

    @Override
    public void fillDemoData(DemoContext context) {
        new UsageDemo(usage, weeklyUse, ownMeasures, lessonCases, context).fill();
    }

}
