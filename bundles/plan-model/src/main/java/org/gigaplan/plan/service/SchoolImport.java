package org.gigaplan.plan.service;


import java.util.List;

/** What a school-directory import did, and to which schools. */
public record SchoolImport(int added, int updated, List<String> ids) {

    public SchoolImport {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    public int total() {
        return added + updated;
    }
}
