package org.gigaplan.platform.internal.roster;

/**
 * How the manifest declares a file: {@code bulk} replaces everything of its kind, {@code delta} changes only the rows
 * it holds, {@code absent} leaves that kind as it is (and the file must not be in the set).
 */
public enum RosterMode {
    BULK,
    DELTA,
    ABSENT
}
