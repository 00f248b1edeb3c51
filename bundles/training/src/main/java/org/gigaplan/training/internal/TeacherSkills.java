package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.model.LocalizedText;

/** One teacher's answers of a fiscal year, per category beside the previous year's. */
public record TeacherSkills(String schoolId, String teacherId, int fiscalYear, LocalDate answeredOn,
        Map<String, Integer> answers, List<CategoryScore> categories) {

    /** Share of the category's items answered 3 or 4, and the mean answer (1–4); previous year's beside them. */
    public record CategoryScore(String category, LocalizedText title, Double rate, Double mean, Double previousRate,
            Double previousMean) {
    }
}
