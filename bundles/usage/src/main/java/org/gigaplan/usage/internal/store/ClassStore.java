package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.usage.internal.SchoolClass;

/** Classes that report: registered by their school, or on their first record. */
public final class ClassStore {

    private static final String COLUMNS = "id, school_id, grade, name";

    private final Database db;

    public ClassStore(Database db) {
        this.db = db;
    }

    /** The class's id, registering it when it is new. */
    public long ensure(Connection c, String schoolId, int grade, String name, boolean demo) throws SQLException {
        Optional<SchoolClass> found = find(c, schoolId, grade, name);
        if (found.isPresent()) {
            return found.get().id();
        }
        return Jdbc.insert(c, "INSERT INTO usage_class (school_id, grade, name, registered_at, demo) VALUES (?, ?, ?, ?, ?)",
                schoolId, grade, name, Instant.now(), demo ? 1 : 0);
    }

    /**
     * Makes the calling transaction the only writer of these classes' weeks until it ends: their rows are locked in id
     * order, so two writers of overlapping classes (a check-in and classroom software's events) queue instead of
     * deadlocking over the weeks and year totals they both rewrite.
     */
    public void lock(Connection c, Collection<Long> classIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE usage_class SET registered_at = registered_at WHERE id = ?")) {
            for (long id : new java.util.TreeSet<>(classIds)) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
    }

    public Optional<SchoolClass> find(Connection c, String schoolId, int grade, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM usage_class WHERE school_id = ? AND grade = ? AND name = ?")) {
            s.setString(1, schoolId);
            s.setInt(2, grade);
            s.setString(3, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /** Classes of one school, or of every school when {@code schoolId} is null, by school, grade and name. */
    public List<SchoolClass> list(String schoolId) {
        return db.transaction(c -> {
            String where = schoolId == null ? "" : " WHERE school_id = ?";
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM usage_class" + where + " ORDER BY school_id, grade, name")) {
                if (schoolId != null) {
                    s.setString(1, schoolId);
                }
                List<SchoolClass> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(row(r));
                    }
                }
                return out;
            }
        });
    }

    private static SchoolClass row(ResultSet r) throws SQLException {
        return new SchoolClass(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4));
    }
}
