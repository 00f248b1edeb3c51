package org.gigaplan.platform.internal.roster;

import java.time.Instant;

/**
 * A row of {@code orgs.csv}: a school, or the board above it.
 *
 * @param name            required unless deleted
 * @param type            {@code department}, {@code school}, {@code district}, {@code local}, {@code state},
 *                        {@code national} or an {@code ext:} value
 * @param identifier      e.g. the ministry's school code; null when blank
 * @param parentSourcedId the org above, or null
 * @param kanaName        {@code metadata.jp.kanaName}, or null
 */
public record RosterOrg(String sourcedId, RosterStatus status, Instant dateLastModified, String name, String type,
        String identifier, String parentSourcedId, String kanaName, SourceLine source) implements RosterRecord {

    public static final String SCHOOL = "school";

    public boolean school() {
        return SCHOOL.equals(type);
    }
}
