package org.gigaplan.training.internal;

import java.util.List;

import org.gigaplan.plan.model.LocalizedText;

/**
 * Checklist rates of a group of teachers (a school, or the city) in a fiscal year: per category and per item, the
 * share answering 3 ややできる or 4 できる, beside the previous year's and the change in percentage points. A group
 * of fewer than {@value TrainingService#MIN_GROUP} teachers is suppressed in the board's views: its figures are
 * null. {@code trainingAttendees} of the teachers who answered attended at least one training session held in the
 * year; {@code attendanceRate} is their share.
 */
public record Rates(int fiscalYear, String schoolId, LocalizedText label, int teachers, int previousTeachers,
        boolean suppressed, List<Rate> categories, List<Rate> items, Integer trainingAttendees, Double attendanceRate,
        boolean demo) {

    /**
     * @param answered answers given (teachers who answered the item; for a category, all its items' answers)
     * @param positive those answering 3 or 4
     * @param rate     positive / answered in %, one decimal; null when nothing answered or suppressed
     * @param previous the same for the previous fiscal year
     * @param change   rate − previous, in percentage points
     */
    public record Rate(String code, LocalizedText label, Integer answered, Integer positive, Double rate,
            Double previous, Double change) {
    }
}
