package org.gigaplan.plan.service;

/** What a school-directory import did. */
public record SchoolImport(int added, int updated) {

    public int total() {
        return added + updated;
    }
}
