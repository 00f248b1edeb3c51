package org.gigaplan.platform.internal.roster;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code courses.csv}: what classes teach, per school year and org.
 *
 * @param grades       grade codes, {@code P5}
 * @param orgSourcedId the org the course belongs to
 */
public record RosterCourse(String sourcedId, RosterStatus status, Instant dateLastModified, String schoolYearSourcedId,
        String title, String courseCode, List<String> grades, String orgSourcedId, List<String> subjects,
        List<String> subjectCodes, SourceLine source) implements RosterRecord {

    public RosterCourse {
        grades = List.copyOf(grades);
        subjects = List.copyOf(subjects);
        subjectCodes = List.copyOf(subjectCodes);
    }
}
