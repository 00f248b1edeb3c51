package org.gigaplan.platform.internal.roster;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code roles.csv}: what a user is at an org.
 *
 * @param roleType {@code primary} or {@code secondary}
 * @param role     {@code teacher}, {@code student}, {@code administrator}, {@code guardian}… or an {@code ext:} value
 */
public record RosterRole(String sourcedId, RosterStatus status, Instant dateLastModified, String userSourcedId,
        String roleType, String role, String orgSourcedId, String userProfileSourcedId, LocalDate beginDate,
        LocalDate endDate, SourceLine source) implements RosterRecord {

    public static final String PRIMARY = "primary";
    public static final String TEACHER = "teacher";
    public static final String STUDENT = "student";

    public boolean primary() {
        return PRIMARY.equals(roleType);
    }
}
