package org.gigaplan.usage.internal;

import java.time.Instant;
import java.util.List;

import org.gigaplan.plan.model.LocalizedText;

/**
 * Attainment of the scene targets over a period, grouped (the city, school types, grades or schools).
 *
 * @param timesPerWeek     the target a class meets: this many uses a week, on average over the weeks it reported
 * @param schoolClassShare a school meets a scene when at least this % of its reporting classes meet it
 * @param groups           groups of schools that carry the scene targets (elementary and junior high)
 * @param reportedApart    high, secondary and special-needs schools, which set their own measures instead
 */
public record SceneAttainment(int fiscalYear, SchoolCalendar.Period period, int timesPerWeek, int schoolClassShare,
        LocalizedText rule, List<Group> groups, List<Group> reportedApart, boolean demo, Instant asOf) {

    /** A group's figures per scene; for a high or secondary school, its own measures beside them. */
    public record Group(String key, LocalizedText label, boolean carriesTargets, List<SceneFigure> scenes,
            List<OwnMeasure> measures) {
    }

    /**
     * One scene in one group. Shares are percentages rounded to one decimal, null when nothing reported.
     *
     * @param classes        classes that reported in this scene in the period
     * @param classesMeeting those at or above the target
     * @param schools        schools with a reporting class
     * @param schoolsMeeting schools meeting the target by the school rule
     */
    public record SceneFigure(int scene, int classes, int classesMeeting, Double classShare, int schools,
            int schoolsMeeting, Double schoolShare) {
    }

    /** Week-by-week shares of classes and schools meeting each scene's target. */
    public record Trend(int fiscalYear, String schoolId, int timesPerWeek, List<TrendWeek> weeks, boolean demo) {
    }

    public record TrendWeek(java.time.LocalDate week, List<SceneFigure> scenes) {
    }
}
