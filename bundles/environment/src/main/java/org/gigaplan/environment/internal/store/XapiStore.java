package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.environment.internal.XapiClass;
import org.gigaplan.environment.internal.XapiActivityWeek;

/**
 * Pseudonymised xAPI statements and the deployment's settings; what is kept beside the statements for the board's
 * summaries is {@link StatementTotals}, written in the statements' transaction.
 */
public final class XapiStore {

    /** A statement as stored: the learner only as a pseudonym. */
    public record Row(String id, String schoolId, String classRef, String learner, String verb, String verbDisplay,
            String activity, String activityName, Double scoreScaled, Boolean success, Boolean completion,
            Instant occurredAt, Instant storedAt, boolean demo, String registration, String body, String refTarget) {
    }

    /** Filters of a query; each null matches everything. */
    public record Query(String schoolId, String learner, String verb, String activity, Instant since, Instant until,
            String classRef) {
    }

    private final Database db;
    private final StatementTotals totals;

    public XapiStore(Database db, java.time.ZoneId zone) {
        this.db = db;
        this.totals = new StatementTotals(db, zone);
    }

    /** What is kept beside the statements, and the summaries read from it. */
    public StatementTotals totals() {
        return totals;
    }

    public Optional<String> setting(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT setting_value FROM env_setting WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    public void putSetting(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_setting (name, setting_value) VALUES (?, ?)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    /** How many ids one look for stored statements asks for: a fixed number, so the statement is prepared once. */
    private static final int IDS_A_LOOK = 100;

    /**
     * Which of these ids are stored, asked {@value #IDS_A_LOOK} at a time through the primary key (a batch of 5,000
     * costs 50 round trips, not 5,000).
     */
    private static Set<String> storedIds(Connection c, List<String> ids) throws SQLException {
        return new HashSet<>(Jdbc.listIn(c, "SELECT id FROM env_xapi_statement WHERE id IN ("
                + Jdbc.marks(IDS_A_LOOK) + ")", IDS_A_LOOK, List.of(), ids, r -> r.getString(1)));
    }

    public void insert(Connection c, List<Row> rows, String by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_statement (id, school_id, class_ref, learner, "
                + "verb, verb_display, activity, activity_name, score_scaled, success, completion, occurred_at, "
                + "stored_at, posted_by, demo, registration, body, ref_target, kept) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + StatementTotals.KEPT + ")")) {
            for (Row r : rows) {
                s.setString(1, r.id());
                s.setString(2, r.schoolId());
                s.setString(3, r.classRef());
                s.setString(4, r.learner());
                s.setString(5, r.verb());
                s.setString(6, r.verbDisplay());
                s.setString(7, r.activity());
                s.setString(8, r.activityName());
                s.setObject(9, r.scoreScaled(), Types.DOUBLE);
                s.setObject(10, r.success() == null ? null : (r.success() ? 1 : 0), Types.SMALLINT);
                s.setObject(11, r.completion() == null ? null : (r.completion() ? 1 : 0), Types.SMALLINT);
                s.setTimestamp(12, Timestamp.from(r.occurredAt()));
                s.setTimestamp(13, Timestamp.from(r.storedAt()));
                s.setString(14, by);
                s.setInt(15, r.demo() ? 1 : 0);
                s.setString(16, r.registration());
                s.setString(17, r.body());
                s.setString(18, r.refTarget());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Stores the statements whose ids are new, in one transaction; the ids of all of them. A tool resending a batch
     * it timed out on races the first for the ids: the loser looks again and finds them stored.
     */
    public List<String> insertNew(List<Row> rows, String by) {
        return insertNew(rows, by, new Guard() {
        });
    }

    /** What the LRS decides in the storing transaction: of statements stored already, and what storing does. */
    public interface Guard {
        /** A statement whose id is stored already: not stored again; refused by throwing (other content). */
        default void storedAlready(Connection c, Row r) throws SQLException {
        }

        /** After the new statements are stored, in the same transaction. */
        default void stored(Connection c, List<Row> fresh) throws SQLException {
        }
    }

    /**
     * The same, with what the LRS decides (conflicts, voiding) in the transaction. The statements are first inserted
     * as they are, in a savepoint: a batch is new as a rule, and the insert's own check of the key finds one that is
     * not. Then the savepoint is rolled back, and the ids stored already are looked for first.
     */
    public List<String> insertNew(List<Row> rows, String by, Guard guard) {
        return db.transactionRetrying(c -> {
            List<Row> fresh = insertedAll(c, rows, by) ? rows : insertFresh(c, rows, by, guard);
            if (!fresh.isEmpty()) {
                totals.keep(c, fresh);
                guard.stored(c, fresh);
            }
            return rows.stream().map(Row::id).toList();
        });
    }

    /** Inserts every statement as new: false, with none of them inserted, when an id among them is stored already. */
    private boolean insertedAll(Connection c, List<Row> rows, String by) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            insert(c, rows, by);
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
            c.rollback(before);
            return false;
        }
        c.releaseSavepoint(before);
        return true;
    }

    /** Inserts the statements not stored yet, after the guard has looked at those that are; those inserted. */
    private List<Row> insertFresh(Connection c, List<Row> rows, String by, Guard guard) throws SQLException {
        Set<String> stored = storedIds(c, rows.stream().map(Row::id).toList());
        List<Row> fresh = new ArrayList<>();
        for (Row r : rows) {
            if (stored.contains(r.id())) {
                guard.storedAlready(c, r);
            } else {
                fresh.add(r);
            }
        }
        if (!fresh.isEmpty()) {
            insert(c, fresh, by);
        }
        return fresh;
    }

    /** Statements matching a query, newest first. */
    public List<Row> find(Query q, int limit) {
        return db.transaction(c -> {
            List<Object> args = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            add(where, args, "school_id = ?", q.schoolId());
            add(where, args, "learner = ?", q.learner());
            add(where, args, "verb = ?", q.verb());
            add(where, args, "activity = ?", q.activity());
            add(where, args, "class_ref = ?", q.classRef());
            add(where, args, "occurred_at > ?", q.since() == null ? null : Timestamp.from(q.since()));
            add(where, args, "occurred_at <= ?", q.until() == null ? null : Timestamp.from(q.until()));
            try (PreparedStatement s = c.prepareStatement("SELECT id, school_id, class_ref, learner, verb, verb_display, "
                    + "activity, activity_name, score_scaled, success, completion, occurred_at, stored_at, demo "
                    + "FROM env_xapi_statement" + where + " ORDER BY occurred_at DESC, id FETCH FIRST " + limit + " ROWS ONLY")) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<Row> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        double score = r.getDouble(9);
                        Double scaled = r.wasNull() ? null : score;
                        int success = r.getInt(10);
                        Boolean ok = r.wasNull() ? null : success == 1;
                        int completion = r.getInt(11);
                        Boolean done = r.wasNull() ? null : completion == 1;
                        out.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getString(6), r.getString(7), r.getString(8), scaled, ok, done,
                                r.getTimestamp(12).toInstant(), r.getTimestamp(13).toInstant(), r.getInt(14) > 0,
                                null, null, null));
                    }
                }
                return out;
            }
        });
    }

    private static void add(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            args.add(value);
        }
    }

    /** What erasing a learner took away: their statements, and the documents their tools kept of them. */
    public record Erased(int statements, int documents) {
    }

    /**
     * Erases every statement of a learner, what is kept of them, and the LRS documents naming them (their States and
     * Agent Profiles: a drill's saved progress, say); how many of each there were.
     */
    public Erased erase(String learner) {
        return db.transaction(c -> {
            totals.remove(c, learner);
            for (String table : List.of("env_xapi_attachment", "env_xapi_related")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE statement_id IN (SELECT id FROM env_xapi_statement "
                        + "WHERE learner = ?)", learner);
            }
            int documents = DocumentStore.eraseAgent(c, learner);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM env_xapi_statement WHERE learner = ?")) {
                s.setString(1, learner);
                return new Erased(s.executeUpdate(), documents);
            }
        });
    }

    /** The classes named in a school's statements in (since, until], by name. */
    public List<XapiClass> classes(String schoolId, Instant since, Instant until) {
        return db.transaction(c -> {
            return Jdbc.list(c, "SELECT class_ref, COUNT(*), COUNT(DISTINCT learner), "
                    + "MAX(occurred_at) FROM env_xapi_statement WHERE school_id = ? AND occurred_at > ? AND "
                    + "occurred_at <= ? AND class_ref IS NOT NULL GROUP BY class_ref ORDER BY class_ref",
                    r -> new XapiClass(r.getString(1), r.getLong(2), r.getInt(3), r.getTimestamp(4).toInstant()),
                    schoolId, since, until);
        });
    }

    /** Activity per week (by the Monday of the statement's day in {@code zone}) and activity of a class or a learner. */
    public List<XapiActivityWeek> activity(Query q, java.time.ZoneId zone) {
        List<Row> rows = find(q, 100_000);
        java.util.Map<String, List<Row>> groups = new java.util.TreeMap<>();
        for (Row r : rows) {
            LocalDate day = r.occurredAt().atZone(zone).toLocalDate();
            LocalDate monday = day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            groups.computeIfAbsent(monday + "|" + r.activity(), k -> new ArrayList<>()).add(r);
        }
        List<XapiActivityWeek> out = new ArrayList<>();
        groups.forEach((key, list) -> {
            String[] parts = key.split("\\|", 2);
            double[] scores = list.stream().filter(r -> r.scoreScaled() != null).mapToDouble(Row::scoreScaled).toArray();
            Double mean = scores.length == 0 ? null
                    : Math.round(java.util.Arrays.stream(scores).average().orElse(0) * 1000) / 1000.0;
            out.add(new XapiActivityWeek(java.time.LocalDate.parse(parts[0]), parts[1], list.get(0).activityName(),
                    list.size(), (int) list.stream().map(Row::learner).distinct().count(), mean));
        });
        return out;
    }
}
