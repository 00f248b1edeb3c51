package org.gigaplan.plan.model;

import java.util.Objects;

/**
 * A school in the city's directory.
 *
 * @param id         the city's school code, unique and stable (e.g. {@code E101})
 * @param name       school name
 * @param type       kind of school
 * @param enrollment number of students enrolled
 * @param classes    number of classes
 * @param sample     true for the sample directory shipped for a fresh start, never a real school
 */
public record School(String id, LocalizedText name, SchoolType type, int enrollment, int classes, boolean sample) {

    public School {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (enrollment < 0) {
            throw new IllegalArgumentException("enrollment must not be negative");
        }
        if (classes < 0) {
            throw new IllegalArgumentException("classes must not be negative");
        }
    }
}
