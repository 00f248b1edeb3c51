package org.gigaplan.usage.internal;

/** A class a school registered. {@code name} is the class within its grade ("1", "A", "ひまわり"). */
public record SchoolClass(long id, String schoolId, int grade, String name) {
    public String label() {
        return grade + "-" + name;
    }
}
