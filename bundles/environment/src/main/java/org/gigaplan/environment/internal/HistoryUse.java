package org.gigaplan.environment.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Teachers' use of learning histories from digital drills and similar tools (学習履歴の活用): what each teacher
 * reports for a fiscal year, on the national survey's scale, and the weeks they opened a class's history here.
 */
public final class HistoryUse {

    private HistoryUse() {
    }

    /** A teacher's report for a fiscal year (as of today unless given); a later one replaces it. */
    public record Report(String teacherId, Integer fiscalYear, String frequency, LocalDate reportedOn) {
    }

    /** How many of a group's teachers opened a class's learning history in this platform in a week. */
    public record Week(LocalDate week, int teachers) {
    }

    /**
     * Use in a group of teachers (a school, or the city when schoolId is null) in a fiscal year. Figures are null
     * when suppressed: fewer than five reporting teachers, in the board's views.
     *
     * @param teachers     teachers who reported
     * @param weeklyShare  % of them using learning histories at least once a week: the plan's indicator
     * @param byFrequency  reports per frequency
     * @param opened       week by week, teachers who opened a class's history here (measured, not reported)
     */
    public record Use(int fiscalYear, String schoolId, int teachers, boolean suppressed, Integer weeklyOrMore,
            Double weeklyShare, Map<String, Integer> byFrequency, List<Week> opened, boolean demo) {
    }
}
