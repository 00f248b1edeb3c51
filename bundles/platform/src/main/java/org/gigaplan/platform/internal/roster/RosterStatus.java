package org.gigaplan.platform.internal.roster;

/** A row's {@code status}: a bulk file's rows are all active; a delta file also deletes. */
public enum RosterStatus {
    ACTIVE,
    TOBEDELETED
}
