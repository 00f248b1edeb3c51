package org.gigaplan.environment.internal;

import java.time.Instant;
import java.util.List;

/**
 * A school found below the recommended bandwidth: opened automatically, closed once its measurements recover past
 * the recovery threshold; the notes say what people found and did.
 */
public record Finding(long id, String schoolId, Instant openedAt, double openedMbps, double recommendedMbps,
        Instant closedAt, Double closedMbps, Long daysToResolve, List<Note> notes, boolean demo, String owner,
        java.time.LocalDate dueDate) {

    public Finding {
        notes = List.copyOf(notes);
    }

    public boolean open() {
        return closedAt == null;
    }

    /** Whether someone recorded a countermeasure. */
    public boolean hasCountermeasure() {
        return notes.stream().anyMatch(n -> NoteKind.COUNTERMEASURE.name().equals(n.kind()));
    }

    /** A cause, countermeasure (e.g. line upgrade, access point added) or verification measurement. */
    public record Note(long id, String kind, String text, Long measurementId, String writtenBy, Instant writtenAt) {
    }

    public enum NoteKind {
        CAUSE, COUNTERMEASURE, VERIFICATION
    }
}
