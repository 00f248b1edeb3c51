package org.gigaplan.platform.internal.roster;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code classes.csv}: a homeroom (5年1組) or a scheduled class.
 *
 * @param grades          grade codes, {@code P5}; see {@link RosterGrades}
 * @param classType       {@code homeroom}, {@code scheduled} or an {@code ext:} value
 * @param schoolSourcedId the school org
 * @param termSourcedIds  the academic sessions the class runs in
 * @param specialNeeds    {@code metadata.jp.specialNeeds} (特別支援学級), null when blank or not a column
 */
public record RosterClass(String sourcedId, RosterStatus status, Instant dateLastModified, String title,
        List<String> grades, String courseSourcedId, String classCode, String classType, String location,
        String schoolSourcedId, List<String> termSourcedIds, List<String> subjects, List<String> subjectCodes,
        List<String> periods, Boolean specialNeeds, SourceLine source) implements RosterRecord {

    public static final String HOMEROOM = "homeroom";

    public RosterClass {
        grades = List.copyOf(grades);
        termSourcedIds = List.copyOf(termSourcedIds);
        subjects = List.copyOf(subjects);
        subjectCodes = List.copyOf(subjectCodes);
        periods = List.copyOf(periods);
    }

    public boolean homeroom() {
        return HOMEROOM.equals(classType);
    }
}
