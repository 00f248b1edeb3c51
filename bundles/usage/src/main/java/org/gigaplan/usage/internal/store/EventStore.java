package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gigaplan.plan.service.Jdbc;


/**
 * Classroom-software events as posted ({@code usage_event}) and the lesson slots they were counted in
 * ({@code usage_event_slot}): an event adds a use to the weekly roll-up the first time its class, scene and slot is seen.
 */
public final class EventStore {

    /** A raw event as stored. */
    public record EventRow(long classId, Instant occurredAt, int scene, String app, String device, String postedBy,
            boolean demo) {
    }


    /** A class's lesson slot in a scene: the unit events are counted in. */
    public record Slot(long classId, int scene, Instant start) {
    }


    /** Stores raw events as posted. */
    public void insertEvents(Connection c, List<EventRow> events, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_event (class_id, occurred_at, scene, app, device, "
                + "received_at, posted_by, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EventRow e : events) {
                s.setLong(1, e.classId());
                s.setTimestamp(2, Timestamp.from(e.occurredAt()));
                s.setInt(3, e.scene());
                s.setString(4, e.app());
                s.setString(5, e.device());
                s.setTimestamp(6, Timestamp.from(now));
                s.setString(7, e.postedBy());
                s.setInt(8, e.demo() ? 1 : 0);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** How many classes one look for marked slots asks for: a school's (a fixed number, so it is prepared once). */
    private static final int CLASSES = 64;

    /**
     * Marks lesson slots as used.
     *
     * @return those not marked before: each is a new use
     */
    public Set<Slot> markSlots(Connection c, Set<Slot> slots) throws SQLException {
        if (slots.isEmpty()) {
            return Set.of();
        }
        // Look before inserting (on PostgreSQL a failed insert aborts the whole transaction): one query over the
        // batch's classes and time span, not one per slot.
        Instant from = slots.stream().map(Slot::start).min(Instant::compareTo).orElseThrow();
        Instant to = slots.stream().map(Slot::start).max(Instant::compareTo).orElseThrow();
        List<Long> classIds = slots.stream().map(Slot::classId).distinct().sorted().toList();
        Set<Slot> known = new HashSet<>(Jdbc.listIn(c, "SELECT class_id, scene, slot FROM usage_event_slot "
                + "WHERE slot BETWEEN ? AND ? AND class_id IN (" + Jdbc.marks(CLASSES) + ")", CLASSES,
                List.of(from, to), classIds, r -> new Slot(r.getLong(1), r.getInt(2), r.getTimestamp(3).toInstant())));
        Set<Slot> fresh = new LinkedHashSet<>(slots);
        fresh.removeAll(known);
        if (!fresh.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO usage_event_slot (class_id, scene, slot) VALUES (?, ?, ?)")) {
                for (Slot slot : fresh) {
                    s.setLong(1, slot.classId());
                    s.setInt(2, slot.scene());
                    s.setTimestamp(3, Timestamp.from(slot.start()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        return fresh;
    }
}
