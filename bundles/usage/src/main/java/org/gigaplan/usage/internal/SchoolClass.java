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

    /**
     * A class name as it is matched: in Unicode's compatibility form and trimmed (全角 １組 → 1組, ｱ → ア), so one class
     * has one name however a keyboard or a file wrote it, a name stored before names were normalised included.
     */
    public static String normalName(String name) {
        return name == null ? null : java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC).trim();
    }

    /** {@link #label()} with the name as it is matched. */
    public String matchLabel() {
        return grade + "-" + normalName(name);
    }

    public boolean retired() {
        return retiredAt != null;
    }
}
