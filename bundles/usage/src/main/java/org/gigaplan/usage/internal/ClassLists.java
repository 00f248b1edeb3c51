package org.gigaplan.usage.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.usage.internal.store.ClassStore;

/**
 * The class lists of the schools a batch names, each read once: at a school that gave its list, a record names a
 * class on it (retired ones included), so a mistyped class is refused instead of becoming a new class that is counted
 * and chased by the reminders. A school that never gave a list gets its classes from its records.
 */
final class ClassLists {

    private final ClassStore classes;
    private final Map<String, Optional<Set<String>>> bySchool = new HashMap<>();

    ClassLists(ClassStore classes) {
        this.classes = classes;
    }

    /** Refuses {@code field} when the school gave its list and the class is not on it. */
    void check(String schoolId, int grade, String name, String field, FieldChecks check) {
        Optional<Set<String>> listed = bySchool.computeIfAbsent(schoolId, classes::listedLabels);
        String label = grade + "-" + name;
        if (listed.isEmpty() || listed.get().contains(label)) {
            return;
        }
        Set<String> ofGrade = new TreeSet<>();
        for (String l : listed.get()) {
            if (l.startsWith(grade + "-")) {
                ofGrade.add(l.substring(l.indexOf('-') + 1));
            }
        }
        String names = String.join(", ", ofGrade);
        check.add(field, "class " + label + " is not on the class list of " + schoolId + " (grade " + grade + ": "
                + (ofGrade.isEmpty() ? "none" : names) + "); add it to the list first",
                "学級 " + label + " は " + schoolId + " の学級一覧にありません（" + grade + "年: "
                        + (ofGrade.isEmpty() ? "なし" : names) + "）。先に学級一覧に加えてください");
    }
}
