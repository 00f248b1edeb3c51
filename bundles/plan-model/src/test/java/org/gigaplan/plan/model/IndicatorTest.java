package org.gigaplan.plan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class IndicatorTest {

    private static Indicator indicator(Direction direction, Baseline baseline, Target... targets) {
        return new Indicator("x.test", 1, "x", LocalizedText.of("テスト", "Test"), LocalizedText.of("定義", "Definition"),
                "%", IndicatorSubject.SCHOOL, direction, baseline, List.of(targets));
    }

    @Test
    void stagedTargetInForceIsTheLatestSetUpToTheYear() {
        Indicator i = indicator(null, null, new Target(2027, 100), new Target(2025, 80));
        assertTrue(i.targetFor(FiscalYear.of(2024)).isEmpty());
        assertEquals(80, i.targetFor(FiscalYear.of(2025)).orElseThrow().value());
        assertEquals(80, i.targetFor(FiscalYear.of(2026)).orElseThrow().value());
        assertEquals(100, i.targetFor(FiscalYear.of(2027)).orElseThrow().value());
        assertEquals(100, i.targetFor(FiscalYear.of(2030)).orElseThrow().value());
    }

    @Test
    void higherIsBetterUnlessSaidOtherwise() {
        Indicator up = indicator(null, null, new Target(2025, 80));
        assertEquals(Direction.HIGHER_IS_BETTER, up.direction());
        assertEquals(Indicator.Attainment.MET, up.attainment(80, FiscalYear.of(2025)));
        assertEquals(Indicator.Attainment.BELOW, up.attainment(79.9, FiscalYear.of(2025)));
        assertEquals(Indicator.Attainment.NO_TARGET, up.attainment(79.9, FiscalYear.of(2024)));

        Indicator down = indicator(Direction.LOWER_IS_BETTER, null, new Target(2025, 14));
        assertEquals(Indicator.Attainment.MET, down.attainment(10, FiscalYear.of(2025)));
        assertEquals(Indicator.Attainment.BELOW, down.attainment(15, FiscalYear.of(2025)));
    }

    @Test
    void progressRunsFromBaselineToTargetAndIsClamped() {
        Indicator i = indicator(null, new Baseline(40, 2022), new Target(2027, 90));
        assertEquals(0.5, i.progressTowardTarget(65, FiscalYear.of(2027)).orElseThrow(), 1e-9);
        assertEquals(0.0, i.progressTowardTarget(30, FiscalYear.of(2027)).orElseThrow(), 1e-9);
        assertEquals(1.0, i.progressTowardTarget(95, FiscalYear.of(2027)).orElseThrow(), 1e-9);
        assertTrue(indicator(null, null, new Target(2027, 90)).progressTowardTarget(65, FiscalYear.of(2027)).isEmpty());
    }
}
