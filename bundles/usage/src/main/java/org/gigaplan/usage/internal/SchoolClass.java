package org.gigaplan.usage.internal;

import java.time.Instant;

/**
 * A class a school registered. {@code name} is the class within its grade ("1", "A", "ひまわり"); {@code retiredAt}
 * is when the school's list stopped naming it (its records kept), null while it is on the list.
 */
public record SchoolClass(long id, String schoolId, int grade, String name, Instant retiredAt) {
    public String label() {
        return grade + "-" + name;
    }

    public boolean retired() {
        return retiredAt != null;
    }
}
