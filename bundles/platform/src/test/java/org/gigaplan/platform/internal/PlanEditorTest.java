package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.ActionItem;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.Actor;
import org.gigaplan.plan.model.Baseline;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.IndicatorSubject;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.model.Target;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.gigaplan.plan.service.PlanVersion.Change;
import org.gigaplan.platform.internal.IndicatorEditor.Computed;
import org.gigaplan.platform.internal.IndicatorEditor.IndicatorInput;
import org.gigaplan.platform.internal.IndicatorEditor.ModuleUnits;
import org.gigaplan.platform.internal.PlanEditor.ItemInput;
import org.gigaplan.platform.internal.IndicatorEditor.TargetInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The board's changes to the shipped plan: each a new plan, checked, with every change named before → after. */
class PlanEditorTest {

    private static final FiscalYear FY2025 = FiscalYear.of(2025);
    private static final FiscalYear FY2026 = FiscalYear.of(2026);

    private static Plan shipped;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = PlanEditorTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            shipped = PlanReader.read(in.readAllBytes());
        }
    }

    private static String field(Runnable change) {
        return assertThrows(InvalidInputException.class, change::run).errors().get(0).field();
    }

    @Test
    void rollingForwardCopiesTheYearAsADraftNamingTheNewYearAndCarriesTargetsOver() {
        Plan rolled = PlanEditor.rollOver(shipped, FY2026, null);
        ActionPlan fy2026 = rolled.actionPlan(2026).orElseThrow();
        ActionPlan fy2025 = rolled.actionPlan(2025).orElseThrow();
        assertEquals(ActionPlan.Status.DRAFT, fy2026.status());
        assertTrue(fy2025.published(), "the year rolled from stays as it was");
        assertEquals(fy2025.actionItems(), fy2026.actionItems());
        assertEquals(fy2025.sceneTargets(), fy2026.sceneTargets());
        assertEquals("令和８年度　行動計画", fy2026.title().ja(), "written as the source writes it");
        assertEquals("FY2026 Action Plan", fy2026.title().en());
        assertTrue(fy2026.purpose().ja().contains("令和８年度に具体的に"), fy2026.purpose().ja());
        assertTrue(fy2026.purpose().ja().contains("（令和５～９年度）"), "the plan period is not a year to rename");
        // usage.scene1 had 100 % for FY2025: FY2026 gets its own stage at the same value, which the board then edits.
        assertEquals(List.of(new Target(2025, 100.0), new Target(2026, 100.0)),
                rolled.indicator("usage.scene1").orElseThrow().targets());
        assertTrue(rolled.indicator("training.category-a").orElseThrow().targets().isEmpty(), "no target, none made");
        assertTrue(PlanReader.check(rolled).isEmpty(), () -> PlanReader.check(rolled).toString());

        List<Change> changes = PlanDiff.between(shipped, rolled);
        assertTrue(changes.stream().anyMatch(c -> c.path().equals("actionPlans[2026]") && c.before() == null),
                changes::toString);
        assertTrue(changes.contains(new Change("indicators[usage.scene1].targets[2026]", null,
                "{\"fiscalYear\":2026,\"value\":100.0}")), changes::toString);
    }

    @Test
    void aYearThatExistsIsAConflictAndOneOutsideThePeriodIsRefusedNamingIt() {
        ConflictException exists = assertThrows(ConflictException.class,
                () -> PlanEditor.rollOver(shipped, FY2025, null));
        assertEquals("fiscalYear", exists.field());
        InvalidInputException outside = assertThrows(InvalidInputException.class,
                () -> PlanEditor.rollOver(shipped, FiscalYear.of(2028), null));
        assertEquals("fiscalYear", outside.errors().get(0).field());
        assertTrue(outside.errors().get(0).detail().contains("FY2023–FY2027"), outside.errors().toString());
        assertEquals("from", field(() -> PlanEditor.rollOver(shipped, FY2026, FiscalYear.of(2024))));
        assertEquals("from", field(() -> PlanEditor.rollOver(shipped, FiscalYear.of(2024), null)),
                "nothing before FY2024 to roll forward");
    }

    @Test
    void theNextPlanPeriodStartsTheYearAfterThisOneAndKeepsEveryEarlierYear() {
        Plan through2027 = PlanEditor.publish(PlanEditor.rollOver(PlanEditor.rollOver(shipped, FY2026, null),
                FiscalYear.of(2027), null), FiscalYear.of(2027));
        LocalizedText title = LocalizedText.of("仙台市学校教育情報化推進計画（令和１０～１４年度）",
                "Sendai City School Education Informatization Promotion Plan (FY2028–FY2032)");
        Plan next = PlanEditor.rollOver(PlanEditor.startPeriod(through2027, FiscalYear.of(2028),
                new PlanEditor.NewPeriod(2032, title)), FiscalYear.of(2028), null);
        assertEquals(2028, next.firstYear());
        assertEquals(2032, next.lastYear());
        assertEquals(title, next.title());
        assertEquals(List.of(new org.gigaplan.plan.model.PlanPeriod("sendai-2023-2027", shipped.title(), 2023, 2027)),
                next.earlierPeriods());
        assertEquals(ActionPlan.Status.DRAFT, next.actionPlan(2028).orElseThrow().status());
        assertEquals(2025, next.actionPlan(2025).orElseThrow().fiscalYear(), "the earlier years stay readable");
        assertEquals(2023, next.period().get(0).year());
        assertTrue(PlanReader.check(next).isEmpty(), () -> PlanReader.check(next).toString());

        assertEquals("fiscalYear", field(() -> PlanEditor.startPeriod(shipped, FiscalYear.of(2029),
                new PlanEditor.NewPeriod(2032, title))), "only the year after this period");
        assertEquals("newPeriod.lastYear", field(() -> PlanEditor.startPeriod(shipped, FiscalYear.of(2028),
                new PlanEditor.NewPeriod(2027, title))));
        assertEquals("newPeriod.title.ja", field(() -> PlanEditor.startPeriod(shipped, FiscalYear.of(2028),
                new PlanEditor.NewPeriod(2032, null))));
        InvalidInputException outside = assertThrows(InvalidInputException.class,
                () -> PlanEditor.rollOver(shipped, FiscalYear.of(2028), null));
        assertTrue(outside.errors().get(0).detail().contains("newPeriod"), "says how to start the next period");
    }

    @Test
    void aDraftIsPublishedOnce() {
        Plan published = PlanEditor.publish(PlanEditor.rollOver(shipped, FY2026, FY2025), FY2026);
        assertTrue(published.actionPlan(2026).orElseThrow().published());
        assertEquals("fiscalYear", assertThrows(ConflictException.class,
                () -> PlanEditor.publish(published, FY2026)).field());
    }

    @Test
    void actionItemsAreAddedChangedMovedAndRemoved() {
        LocalizedText text = LocalizedText.of("授業事例集を年2回配信する", "Send out lesson cases twice a year");
        Plan added = PlanEditor.addItem(shipped, FY2025, new ItemInput("P1-B2", "1-2", Actor.BOARD, true, text,
                List.of("usage.scene1")));
        ActionItem item = added.actionPlan(2025).orElseThrow().actionItems().stream()
                .filter(i -> i.id().equals("P1-B2")).findFirst().orElseThrow();
        assertEquals(new ActionItem("P1-B2", Actor.BOARD, true, text, List.of("usage.scene1")), item);

        Plan changed = PlanEditor.changeItem(added, FY2025, "P1-B2", new ItemInput(null, null, null, false, null,
                List.of()));
        ActionItem after = changed.actionPlan(2025).orElseThrow().actionItems().stream()
                .filter(i -> i.id().equals("P1-B2")).findFirst().orElseThrow();
        assertEquals(new ActionItem("P1-B2", Actor.BOARD, false, text, List.of()), after, "only what was given changed");
        assertEquals(List.of(new Change("actionPlans[2025].policies[1].measures[1-2].actionItems[P1-B2].priority",
                "true", "false"), new Change("actionPlans[2025].policies[1].measures[1-2].actionItems[P1-B2].indicatorIds",
                        "[\"usage.scene1\"]", "[]")), PlanDiff.between(added, changed));

        Plan removed = PlanEditor.removeItem(changed, FY2025, "P1-B2");
        assertEquals(shipped.actionPlan(2025), removed.actionPlan(2025));
    }

    @Test
    void badItemsAreRefusedNamingTheField() {
        ItemInput good = new ItemInput("P1-B9", "1-2", Actor.BOARD, false, LocalizedText.of("新しい取組", "New"), List.of());
        assertEquals("id", assertThrows(ConflictException.class, () -> PlanEditor.addItem(shipped, FY2025,
                new ItemInput("P1-B1", "1-2", Actor.BOARD, false, good.text(), List.of()))).field(), "a duplicate id");
        assertEquals("measure", field(() -> PlanEditor.addItem(shipped, FY2025,
                new ItemInput("P1-B9", "9-9", Actor.BOARD, false, good.text(), List.of()))));
        assertEquals("actor", field(() -> PlanEditor.addItem(shipped, FY2025,
                new ItemInput("P1-B9", "1-2", null, false, good.text(), List.of()))));
        assertEquals("indicatorIds[0]", field(() -> PlanEditor.addItem(shipped, FY2025,
                new ItemInput("P1-B9", "1-2", Actor.BOARD, false, good.text(), List.of("no.such")))));
        assertEquals("text.ja", field(() -> PlanEditor.changeItem(shipped, FY2025, "P1-S1",
                new ItemInput(null, null, null, null, LocalizedText.of(" ", "x"), null))));
        assertEquals("itemId", assertThrows(PlanEditor.NotFound.class,
                () -> PlanEditor.removeItem(shipped, FY2025, "P9-X9")).field());
        assertEquals("fiscalYear", assertThrows(PlanEditor.NotFound.class,
                () -> PlanEditor.addItem(shipped, FY2026, good)).field());
    }

    @Test
    void targetsAndBaselinesAreSetInTheUnitsRange() {
        Plan target = IndicatorEditor.setTarget(shipped, "usage.scene1", FY2026, new TargetInput(80.0));
        assertEquals(List.of(new Target(2025, 100.0), new Target(2026, 80.0)),
                target.indicator("usage.scene1").orElseThrow().targets());
        Plan baseline = IndicatorEditor.changeIndicator(target, "usage.scene1", new IndicatorInput(null, null, null, null,
                null, null, null, null, new Baseline(62.5, 2024), null));
        assertEquals(new Baseline(62.5, 2024), baseline.indicator("usage.scene1").orElseThrow().baseline());
        assertEquals(List.of(new Change("indicators[usage.scene1].baseline", null,
                "{\"value\":62.5,\"fiscalYear\":2024}")), PlanDiff.between(target, baseline));

        assertEquals("value", field(() -> IndicatorEditor.setTarget(shipped, "usage.scene1", FY2026, new TargetInput(120.0))));
        assertEquals("baseline.value", field(() -> IndicatorEditor.changeIndicator(shipped, "usage.scene1",
                new IndicatorInput(null, null, null, null, null, null, null, null, new Baseline(-1, 2024), null))));
        assertEquals("targets[0].fiscalYear", field(() -> IndicatorEditor.changeIndicator(shipped, "usage.scene1",
                new IndicatorInput(null, null, null, null, null, null, null, null, null, List.of(new Target(2030, 1))))));
        assertEquals("targets[0].value", field(() -> IndicatorEditor.changeIndicator(shipped, "outreach.staff-meeting",
                new IndicatorInput(null, null, null, null, null, null, null, null, null, List.of(new Target(2026, -2))))));
        // A count may go above 100.
        assertEquals(List.of(new Target(2026, 120.0)), IndicatorEditor.changeIndicator(shipped, "outreach.support-site-posts",
                new IndicatorInput(null, null, null, null, null, null, null, null, null, List.of(new Target(2026, 120))))
                .indicator("outreach.support-site-posts").orElseThrow().targets());
    }

    @Test
    void indicatorsAreAddedAndRemovedOnlyWhenNoItemListsThem() {
        IndicatorInput cases = new IndicatorInput("usage.lesson-cases-x", 1, "usage",
                LocalizedText.of("授業事例", "Lesson cases"), null, "件", IndicatorSubject.MUNICIPALITY, null, null,
                List.of(new Target(2026, 12)));
        Plan added = IndicatorEditor.addIndicator(shipped, cases);
        assertTrue(added.indicator("usage.lesson-cases-x").isPresent());
        assertEquals("id", assertThrows(ConflictException.class, () -> IndicatorEditor.addIndicator(added, cases)).field());
        assertEquals("subject", field(() -> IndicatorEditor.addIndicator(shipped, new IndicatorInput("usage.y", 1, "usage",
                cases.name(), null, "件", null, null, null, null))));
        assertEquals(shipped.indicators(), IndicatorEditor.removeIndicator(added, "usage.lesson-cases-x").indicators());
        assertEquals("indicatorId", assertThrows(ConflictException.class,
                () -> IndicatorEditor.removeIndicator(shipped, "usage.scene1")).field(), "P1-S1 lists it");
    }

    private static IndicatorInput unit(String unit, List<Target> targets) {
        return new IndicatorInput(null, null, null, null, null, unit, null, null, null, targets);
    }

    private static FieldError error(Runnable change) {
        return assertThrows(InvalidInputException.class, change::run).errors().get(0);
    }

    /** usage computes its scenes as shares: whatever the plan says, its values come in %. */
    private static final ModuleUnits USAGE = id -> id.startsWith("usage.scene") ? Optional.of(new Computed("usage", "%"))
            : Optional.empty();

    @Test
    void anIndicatorAModuleComputesKeepsTheUnitItsModuleComputesIn() {
        FieldError refused = error(() -> IndicatorEditor.changeIndicator(shipped, "usage.scene1", unit("件", null), USAGE));
        assertEquals("unit", refused.field());
        assertEquals("indicator usage.scene1 is computed by module usage in %: its values come in %, so its unit stays % "
                + "(was asked 件)", refused.detail());
        assertEquals("指標 usage.scene1 はモジュール usage が % で計算します。値は % で届くため、単位は % のままです（指定: 件）",
                refused.japanese());
        assertEquals("unit", error(() -> IndicatorEditor.addIndicator(shipped, new IndicatorInput("usage.scene6", 1,
                "usage", LocalizedText.of("場面6", "Scene 6"), null, "件", IndicatorSubject.CLASS, null, null, null),
                id -> Optional.of(new Computed("usage", "%")))).field(), "added in another unit than its module's");
        // The same unit given again is no change; a name changes as before.
        assertEquals("%", IndicatorEditor.changeIndicator(shipped, "usage.scene1", unit("%", null), USAGE)
                .indicator("usage.scene1").orElseThrow().unit());
    }

    /**
     * The user test's plan: usage.scene1 set to 件 before units were kept, with a 2026 target of 5000. Setting % back
     * names the target that does not fit, and succeeds with the targets given together.
     */
    @Test
    void aUnitChangeNamesEachKeptTargetThatWouldNotFitAndGoesThroughWithTheTargetsGivenWithIt() {
        Plan stuck = IndicatorEditor.setTarget(IndicatorEditor.changeIndicator(shipped, "usage.scene1", unit("件", null)),
                "usage.scene1", FY2026, new TargetInput(5000.0));
        FieldError named = error(() -> IndicatorEditor.changeIndicator(stuck, "usage.scene1", unit("%", null), USAGE));
        assertEquals("unit", named.field());
        assertEquals("the target for FY2026 is 5000: not a share from 0 to 100 (%); give the targets in % with the unit "
                + "(targets)", named.detail());
        assertEquals("2026年度の目標 5000 は0〜100 の割合（%）に収まりません。単位と一緒に targets で目標も % で指定してください",
                named.japanese());
        Plan fixed = IndicatorEditor.changeIndicator(stuck, "usage.scene1", unit("%", List.of(new Target(2025, 100),
                new Target(2026, 80))), USAGE);
        assertEquals("%", fixed.indicator("usage.scene1").orElseThrow().unit());
        assertEquals(80.0, fixed.indicator("usage.scene1").orElseThrow().targetFor(FY2026).orElseThrow().value());
        // A board's own indicator (no module computes it) changes its unit; what it keeps must fit the new one.
        Plan posts = IndicatorEditor.setTarget(shipped, "outreach.support-site-posts", FY2026, new TargetInput(240.0));
        assertEquals("the target for FY2026 is 240: not a share from 0 to 100 (%); give the targets in % with the unit "
                + "(targets)", error(() -> IndicatorEditor.changeIndicator(posts, "outreach.support-site-posts",
                        unit("%", null), ModuleUnits.NONE)).detail());
        assertEquals("回", IndicatorEditor.changeIndicator(posts, "outreach.support-site-posts", unit("回", null),
                ModuleUnits.NONE).indicator("outreach.support-site-posts").orElseThrow().unit());
    }

    /** A value other than a share is at most 10^12 (a city's education budget in 円 fits); a share 0–100. */
    @Test
    void aValueIsAtMostATrillionAndTheRefusalWritesTheNumberAsPeopleDo() {
        FieldError huge = error(() -> IndicatorEditor.setTarget(shipped, "outreach.support-site-posts", FY2026,
                new TargetInput(1e20)));
        assertEquals("value", huge.field());
        assertEquals("from 0 to 1,000,000,000,000 件, was 100000000000000000000", huge.detail());
        assertEquals("0〜1,000,000,000,000 件で指定してください（指定: 100000000000000000000）", huge.japanese());
        assertEquals("targets[0].value", field(() -> IndicatorEditor.changeIndicator(shipped, "outreach.staff-meeting",
                unit(null, List.of(new Target(2026, 1_000_000_000_000.5))))));
        assertEquals(1_000_000_000_000.0, IndicatorEditor.setTarget(shipped, "outreach.support-site-posts", FY2026,
                new TargetInput(1_000_000_000_000.0)).indicator("outreach.support-site-posts").orElseThrow().targetFor(FY2026)
                .orElseThrow().value());
        assertEquals("0〜100 の割合（%）で指定してください（指定: 120）", error(() -> IndicatorEditor.setTarget(shipped,
                "usage.scene1", FY2026, new TargetInput(120.0))).japanese());
    }
}
