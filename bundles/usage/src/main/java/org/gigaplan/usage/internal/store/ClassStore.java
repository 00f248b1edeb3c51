package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.usage.internal.SchoolClass;

/**
 * Classes that report: on the list their school gave, or, at a school that never gave one, registered by their first
 * record.
 */
public final class ClassStore {

    private static final String COLUMNS = "id, school_id, grade, name, retired_at";

    /** The tables whose rows are a class's records. */
    private static final List<String> RECORD_TABLES = List.of("usage_week", "usage_event", "usage_event_slot",
            "usage_class_period");

    private final Database db;
    /** Records' times: the platform's clock, which a trial may set to another day. */
    private final PlanClock clock;

    public ClassStore(Database db, PlanClock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The class's id, registering it when it is new. */
    public long ensure(Connection c, String schoolId, int grade, String name, boolean demo) throws SQLException {
        Optional<SchoolClass> found = find(c, schoolId, grade, name);
        if (found.isPresent()) {
            return found.get().id();
        }
        return Jdbc.insert(c, "INSERT INTO usage_class (school_id, grade, name, registered_at, demo) VALUES (?, ?, ?, ?, ?)",
                schoolId, grade, name, clock.now(), demo ? 1 : 0);
    }

    /**
     * Makes the calling transaction the only writer of these schools' weekly figures and of the counts kept beside
     * them until it ends: one lock row per school, taken in id order, so writers of one school (a check-in, classroom
     * software's events, a class's removal) queue instead of deadlocking over the school's counts they all recount,
     * and writers of different schools do not wait for each other. A school's row is made on its first write (two
     * first writes at once: one is refused as a duplicate and retried by its transaction).
     */
    public void lockSchools(Connection c, Collection<String> schoolIds) throws SQLException {
        Jdbc.lockRows(c, "usage_school_lock", "school_id", schoolIds);
    }

    /**
     * The class of a school's grade whose name matches {@code name} in its normalised form
     * ({@link SchoolClass#normalName}), so a class stored as １ before names were normalised is the class 1 names.
     */
    public Optional<SchoolClass> find(Connection c, String schoolId, int grade, String name) throws SQLException {
        // Names are stored in their normal form since usage-14: found by the unique key, as nearly always.
        Optional<SchoolClass> exact = Jdbc.first(c, "SELECT " + COLUMNS + " FROM usage_class WHERE school_id = ? AND "
                + "grade = ? AND name = ?", ClassStore::row, schoolId, grade, name);
        if (exact.isPresent()) {
            return exact;
        }
        String wanted = SchoolClass.normalName(name);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM usage_class WHERE school_id = ? AND grade = ? ORDER BY id")) {
            s.setString(1, schoolId);
            s.setInt(2, grade);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    SchoolClass k = row(r);
                    if (k.name().equals(name) || SchoolClass.normalName(k.name()).equals(wanted)) {
                        return Optional.of(k);
                    }
                }
                return Optional.empty();
            }
        }
    }

    /** Classes on the lists of one school, or of every school when {@code schoolId} is null, by school, grade and name. */
    public List<SchoolClass> list(String schoolId) {
        return list(schoolId, false);
    }

    /** Like {@link #list(String)}, and with {@code retired} also the classes the lists no longer name. */
    public List<SchoolClass> list(String schoolId, boolean retired) {
        return db.transaction(c -> list(c, schoolId, retired));
    }

    public List<SchoolClass> list(Connection c, String schoolId, boolean retired) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (schoolId != null) {
            where.add("school_id = ?");
            params.add(schoolId);
        }
        if (!retired) {
            where.add("retired_at IS NULL");
        }
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM usage_class" + (where.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", where)) + " ORDER BY school_id, grade, name", ClassStore::row, params);
    }

    /** Notes that the school gave its class list: from now on its records name a class on it. */
    public void listGiven(Connection c, String schoolId) throws SQLException {
        Instant now = clock.now();
        if (Jdbc.update(c, "UPDATE usage_class_list SET given_at = ? WHERE school_id = ?", now, schoolId) == 0) {
            Jdbc.update(c, "INSERT INTO usage_class_list (school_id, given_at) VALUES (?, ?)", schoolId, now);
        }
    }

    /**
     * The labels ({@code 4-1}) of the classes on a school's list, retired ones too, when the school gave its list;
     * empty when it never did (its records then register their classes).
     */
    public Optional<Set<String>> listedLabels(String schoolId) {
        return db.transaction(c -> {
            if (Jdbc.first(c, "SELECT 1 FROM usage_class_list WHERE school_id = ?", r -> 1, schoolId).isEmpty()) {
                return Optional.<Set<String>>empty();
            }
            Set<String> labels = new HashSet<>();
            for (SchoolClass k : list(c, schoolId, true)) {
                labels.add(k.matchLabel());
            }
            return Optional.of(labels);
        });
    }

    /** How many records (weekly figures, events and their roll-ups) a class has. */
    public int records(Connection c, long classId) throws SQLException {
        int n = 0;
        for (String table : RECORD_TABLES) {
            n += Jdbc.first(c, "SELECT COUNT(*) FROM " + table + " WHERE class_id = ?", r -> r.getInt(1), classId)
                    .orElse(0);
        }
        return n;
    }

    public void retire(Connection c, long classId, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE usage_class SET retired_at = ? WHERE id = ?", at, classId);
    }

    public void relist(Connection c, long classId) throws SQLException {
        Jdbc.update(c, "UPDATE usage_class SET retired_at = NULL WHERE id = ?", classId);
    }

    /** Deletes a class and every record of it; answers how many records went. */
    public int delete(Connection c, long classId) throws SQLException {
        int n = 0;
        for (String table : RECORD_TABLES) {
            n += Jdbc.update(c, "DELETE FROM " + table + " WHERE class_id = ?", classId);
        }
        Jdbc.update(c, "DELETE FROM usage_class WHERE id = ?", classId);
        return n;
    }

    public Optional<SchoolClass> find(Connection c, long classId) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM usage_class WHERE id = ?", ClassStore::row, classId);
    }

    private static SchoolClass row(ResultSet r) throws SQLException {
        java.sql.Timestamp retired = r.getTimestamp(5);
        return new SchoolClass(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4),
                retired == null ? null : retired.toInstant());
    }
}
