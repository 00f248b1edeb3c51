package org.gigaplan.environment.internal;

import java.time.LocalDate;

/** One activity in one week of a class or a learner: statements, learners and the mean scaled score. */
public record XapiActivityWeek(LocalDate week, String activity, String activityName, long statements,
        int learners, Double meanScore) {
}
