package org.gigaplan.platform.internal.roster;

import java.time.Instant;

/**
 * A row of {@code demographics.csv}, whose sourcedId is its user's. Birth date and sex are checked for shape and not
 * kept: the platform has no use for them.
 */
public record RosterDemographic(String sourcedId, RosterStatus status, Instant dateLastModified, SourceLine source)
        implements RosterRecord {
}
