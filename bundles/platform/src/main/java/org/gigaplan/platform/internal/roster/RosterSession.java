package org.gigaplan.platform.internal.roster;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code academicSessions.csv}: a school year (年度) or a term in it.
 *
 * @param type       {@code gradingPeriod}, {@code semester}, {@code schoolYear}, {@code term} or an {@code ext:} value
 * @param startDate  first day
 * @param endDate    last day, not before the first
 * @param schoolYear the year the school year ends in by OneRoster's rule, as the sender writes it (2025 for 2025年度 in
 *                   Japan Profile sets)
 */
public record RosterSession(String sourcedId, RosterStatus status, Instant dateLastModified, String title, String type,
        LocalDate startDate, LocalDate endDate, String parentSourcedId, Integer schoolYear, SourceLine source)
        implements RosterRecord {
}
