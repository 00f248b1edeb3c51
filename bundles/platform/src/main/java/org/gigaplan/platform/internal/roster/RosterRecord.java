package org.gigaplan.platform.internal.roster;

import java.time.Instant;

/** What every row of a OneRoster file has, whatever its kind. */
public sealed interface RosterRecord permits RosterOrg, RosterSession, RosterCourse, RosterClass, RosterUser,
        RosterRole, RosterEnrollment, RosterDemographic {

    /** The sender's identifier of the row, unique within its file. */
    String sourcedId();

    /** {@link RosterStatus#ACTIVE} for every bulk row (a blank status means active). */
    RosterStatus status();

    /** When the sender last changed the row; null when a bulk file leaves it blank. */
    Instant dateLastModified();

    /** The file and line the row was read from. */
    SourceLine source();

    /** Whether a delta deletes the row: then only its sourcedId is sure to be given. */
    default boolean deleted() {
        return status() == RosterStatus.TOBEDELETED;
    }
}
