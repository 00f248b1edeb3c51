package org.gigaplan.platform.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;

import org.gigaplan.plan.model.Plan;
import org.gigaplan.platform.internal.PlanReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What plan:show advises for a year without an action plan names only a command that works. */
class PlanShowCommandTest {

    private static Plan shipped;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = PlanShowCommandTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            shipped = PlanReader.read(in.readAllBytes());
        }
    }

    /** The shipped plan runs FY2023–FY2027 with FY2025's action plan only; today is in FY2026. */
    @Test
    void aYearOfThePlanPeriodIsRolledOverAndOneOutsideItIsSaidToBeSoWithHowThePeriodIsExtended() {
        assertEquals("The board creates it with plan:rollover 2026.", PlanShowCommand.advice(shipped, 2026, 2026, false));
        assertEquals("教育委員会が plan:rollover 2026 で作成します。", PlanShowCommand.advice(shipped, 2026, 2026, true));
        // Before FY2025 there is nothing to roll forward from, and the year has ended.
        assertEquals("The board creates it with plan:rollover --from 2025 --past-year 2024 (the year has ended).",
                PlanShowCommand.advice(shipped, 2024, 2026, false));
        assertEquals("It is the year after the plan period (FY2023–FY2027): the board creates it by starting the next "
                + "plan period, plan:rollover --new-period-to <last year> --title-ja \"…\" --title-en \"…\" 2028.",
                PlanShowCommand.advice(shipped, 2028, 2026, false));
        assertEquals("FY2030 lies outside the plan period (FY2023–FY2027). To extend it, the board starts the next plan "
                + "period with FY2028 (plan:rollover --new-period-to <last year> --title-ja \"…\" --title-en \"…\" "
                + "2028).", PlanShowCommand.advice(shipped, 2030, 2026, false));
        assertEquals("FY2030 は計画期間（FY2023–FY2027）の外です。計画期間を延ばすには、教育委員会が翌年度 FY2028 で次の計画期間を"
                + "始めます（plan:rollover --new-period-to <最終年度> --title-ja \"…\" --title-en \"…\" 2028）。",
                PlanShowCommand.advice(shipped, 2030, 2026, true));
        assertEquals("FY2020 lies before the plan period (FY2023–FY2027): no action plan can be made for it.",
                PlanShowCommand.advice(shipped, 2020, 2026, false));
    }
}
