package org.gigaplan.usage.internal;

import java.time.LocalDate;

/**
 * One class's use of one scene in one week, as the board lists and exports it: the uses a check-in gave (its count, or
 * its answer on the scale), those counted from classroom-software events, and the figure used ({@code uses}).
 */
public record WeeklyFigure(String schoolId, int grade, String className, LocalDate week, int scene, Integer checkinUses,
        String checkinAnswer, int eventUses, int uses, boolean demo) {
}
