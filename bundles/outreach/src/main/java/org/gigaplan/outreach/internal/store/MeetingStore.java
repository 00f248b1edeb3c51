package org.gigaplan.outreach.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.gigaplan.outreach.internal.Meeting;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;

/** Schools' staff and parent meetings. Topics are kept one per line, plan items comma-separated. */
public final class MeetingStore {

    private final Database db;

    public MeetingStore(Database db) {
        this.db = db;
    }

    public void insert(Connection c, Meeting.Kind kind, String schoolId, List<Meeting.Input> meetings, String by,
            Instant now, boolean demo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outreach_meeting (kind, school_id, held_on, audience, "
                + "topics, plan_items, attendees, materials, recorded_by, recorded_at, demo) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Meeting.Input m : meetings) {
                s.setString(1, kind.name());
                s.setString(2, schoolId);
                s.setDate(3, Date.valueOf(m.heldOn()));
                s.setString(4, blankToNull(m.audience()));
                s.setString(5, String.join("\n", m.topics().stream().map(String::trim).toList()));
                s.setString(6, m.planItems() == null || m.planItems().isEmpty() ? null
                        : String.join(",", m.planItems().stream().map(String::trim).toList()));
                if (m.attendees() == null) {
                    s.setNull(7, Types.INTEGER);
                } else {
                    s.setInt(7, m.attendees());
                }
                s.setString(8, blankToNull(m.materials()));
                s.setString(9, by);
                s.setTimestamp(10, Timestamp.from(now));
                s.setInt(11, demo ? 1 : 0);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Meetings of a kind held in [from, to], of one school when schoolId is not null, oldest first. */
    public List<Meeting> list(Meeting.Kind kind, String schoolId, LocalDate from, LocalDate to) {
        List<Object> parameters = schoolId == null ? List.of(kind.name(), from, to)
                : List.of(kind.name(), from, to, schoolId);
        return db.transaction(c -> Jdbc.list(c, "SELECT id, school_id, held_on, audience, topics, plan_items, attendees, "
                + "materials, recorded_by, demo FROM outreach_meeting WHERE kind = ? AND held_on >= ? AND held_on <= ?"
                + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY held_on, id", r -> {
                    String items = r.getString(6);
                    return new Meeting(r.getLong(1), kind, r.getString(2), r.getDate(3).toLocalDate(), r.getString(4),
                            List.of(r.getString(5).split("\n")),
                            items == null ? List.of() : Arrays.asList(items.split(",")), Jdbc.nullableInt(r, 7),
                            r.getString(8), r.getString(9), r.getInt(10) > 0);
                }, parameters));
    }

    /** How many meetings of a kind a school held on a day, and whether any of them is demo data. */
    public record DayCount(String schoolId, LocalDate day, int meetings, boolean demo) {
    }


    /**
     * Meetings of a kind held in [from, to], counted per school and day by the database (of one school when
     * {@code schoolId} is not null): what the board's counts read instead of every meeting.
     */
    public List<DayCount> countByDay(Meeting.Kind kind, String schoolId, LocalDate from, LocalDate to) {
        List<Object> parameters = schoolId == null ? List.of(kind.name(), from, to)
                : List.of(kind.name(), from, to, schoolId);
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, held_on, COUNT(*), MAX(demo) FROM outreach_meeting "
                + "WHERE kind = ? AND held_on >= ? AND held_on <= ?" + (schoolId == null ? "" : " AND school_id = ?")
                + " GROUP BY school_id, held_on", r -> new DayCount(r.getString(1), r.getDate(2).toLocalDate(),
                        r.getInt(3), r.getInt(4) > 0), parameters));
    }

    /** Deletes one meeting of a school; whether there was one. */
    public boolean delete(String schoolId, long id) {
        return db.transaction(c -> Jdbc.update(c, "DELETE FROM outreach_meeting WHERE id = ? AND school_id = ?", id,
                schoolId) > 0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
