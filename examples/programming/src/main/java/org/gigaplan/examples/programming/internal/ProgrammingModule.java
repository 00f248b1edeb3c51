package org.gigaplan.examples.programming.internal;

import java.util.List;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.Direction;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.IndicatorSubject;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * プログラミング授業の実践 as the platform sees it: its id, basic policy 1, the indicator it computes for the progress
 * roll-up (the share of classes with at least N programming lessons in the term), its dashboard page and its demo
 * data. The page (src/main/resources/dashboard/) is served from this bundle.
 */
@Component(service = PolicyModule.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + PolicyModule.DASHBOARD_PAGES + ProgrammingService.MODULE_ID + "/*",
    "osgi.http.whiteboard.resource.prefix=/dashboard" })
public class ProgrammingModule implements PolicyModule {

    /** The plan indicator this module computes: the share of classes with at least N programming lessons a term. */
    public static final String CLASSES_WITH_LESSONS = "programming.classes-with-lessons";

    private final ProgrammingService service;

    @Activate
    public ProgrammingModule(@Reference ProgrammingService service) {
        this.service = service;
    }

    @Override
    public String id() {
        return ProgrammingService.MODULE_ID;
    }

    @Override
    public int basicPolicy() {
        return 1;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("プログラミング授業の実践", "Programming lessons");
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of(CLASSES_WITH_LESSONS);
    }

    /** Its indicator as it proposes it for the plan; the board adds it in the plan editor and sets its targets. */
    @Override
    public List<Indicator> proposedIndicators() {
        return List.of(new Indicator(CLASSES_WITH_LESSONS, basicPolicy(), id(),
                LocalizedText.of("プログラミングの授業を実践した学級の割合", "Classes with programming lessons"),
                LocalizedText.of("その期に、設定した回数（minimumLessons、既定2回）以上プログラミングの授業があった学級の割合",
                        "Share of classes with at least the configured number (minimumLessons, 2 by default) of "
                                + "programming lessons in the term"),
                "%", IndicatorSubject.CLASS, Direction.HIGHER_IS_BETTER, null, null));
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        if (!CLASSES_WITH_LESSONS.equals(indicatorId)) {
            return Optional.empty();
        }
        ProgrammingService.Share share = service.share(scope.isCity() ? null : scope.schoolId(), fiscalYear);
        LocalizedText note = LocalizedText.of("第" + share.term().number() + "期（" + share.term().from() + "〜）にプログラミング"
                + "の授業が" + share.minimumLessons() + "回以上あった学級の割合: " + share.classesCounted() + " / "
                + share.classes() + "学級", "Classes with at least " + share.minimumLessons() + " programming lessons "
                + "in term " + share.term().number() + " (from " + share.term().from() + "): " + share.classesCounted()
                + " of " + share.classes());
        return share.percent() == null ? Optional.empty() : Optional.of(new IndicatorValue(share.percent(),
                (long) share.classes(), service.clock().now(), note, share.demo()));
    }

    @Override
    public Optional<String> dashboardPage() {
        return Optional.of(DASHBOARD_PAGES + id() + "/page.js");
    }

    /**
     * Demo data: in the demo year's first term, the fifth and sixth grades' first classes at two of every three
     * schools have two lessons (the fifth grade's 正多角形 in 算数, the sixth's 電気の利用 in 理科), as the course of
     * study places them.
     */
    @Override
    public void fillDemoData(DemoContext context) {
        LocalDate first = context.fiscalYear().start().plusMonths(2);
        if (first.plusDays(7).isAfter(service.clock().today())) {
            return;
        }
        int i = 0;
        for (School school : context.schools()) {
            if (school.type() != SchoolType.ELEMENTARY || i++ % 3 == 2) {
                continue;
            }
            for (int week = 0; week < 2; week++) {
                service.record(school.id(), new ProgrammingService.Input(5, "1", first.plusDays(7L * week),
                        "正多角形をかこう", 2, List.of("Scratch")), "demo", true);
                service.record(school.id(), new ProgrammingService.Input(6, "1", first.plusDays(7L * week + 1),
                        "電気の利用", 2, List.of("micro:bit")), "demo", true);
            }
        }
        context.progress(i + " elementary schools");
    }
}
