package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.environment.internal.XapiClass;
import org.gigaplan.environment.internal.XapiActivityWeek;

/** Pseudonymised xAPI statements and the deployment's settings. */
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
    private final java.time.ZoneId zone;
    private final LearnerYears learnerYears;
    private final SchoolDays schoolDays;

    public XapiStore(Database db, java.time.ZoneId zone) {
        this.db = db;
        // A statement counts on its local date in the platform's zone, and in that date's fiscal year.
        this.zone = zone;
        this.learnerYears = new LearnerYears(db, zone);
        this.schoolDays = new SchoolDays(zone);
    }

    /** What is kept per school, fiscal year and learner beside the Statements. */
    public LearnerYears learnerYears() {
        return learnerYears;
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

    public static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM env_xapi_statement WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    public void insert(Connection c, List<Row> rows, String by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_statement (id, school_id, class_ref, learner, "
                + "verb, verb_display, activity, activity_name, score_scaled, success, completion, occurred_at, "
                + "stored_at, posted_by, demo, registration, body, ref_target, kept) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + KEPT + ")")) {
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

    /** What the LRS decides in the storing transaction: which statements are new, and what their storing does. */
    public interface Guard {
        /** Whether a statement is new; one stored already is not stored again (or refused, by throwing). */
        default boolean isNew(Connection c, Row r) throws SQLException {
            return !exists(c, r.id());
        }

        /** After the new statements are stored, in the same transaction. */
        default void stored(Connection c, List<Row> fresh) throws SQLException {
        }
    }

    /** The same, with what the LRS decides (conflicts, voiding) in the transaction. */
    public List<String> insertNew(List<Row> rows, String by, Guard guard) {
        return db.transactionRetrying(c -> {
            List<Row> fresh = new ArrayList<>();
            for (Row r : rows) {
                if (guard.isNew(c, r)) {
                    fresh.add(r);
                }
            }
            if (!fresh.isEmpty()) {
                insert(c, fresh, by);
                keep(c, fresh);
                guard.stored(c, fresh);
            }
            return rows.stream().map(Row::id).toList();
        });
    }

    /** Adds new statements to what is kept per learner and year and per school and day, in their transaction. */
    private void keep(Connection c, List<Row> fresh) throws SQLException {
        LearnerYears.Tally years = learnerYears.tally();
        SchoolDays.Tally days = schoolDays.tally();
        for (Row r : fresh) {
            years.add(r.schoolId(), r.learner(), r.occurredAt(), r.scoreScaled(), r.demo());
            days.add(r.schoolId(), r.occurredAt(), r.scoreScaled(), r.demo());
        }
        List<LearnerYears.LearnerYear> made = learnerYears.keep(c, years);
        SchoolYears.keep(c, years.years.values(), made);
        SchoolLearners.keep(c, made);
        schoolDays.keep(c, days);
    }

    /**
     * What a statement's {@code kept} says it was counted into: nothing (stored by a version before anything was kept
     * beside the statements), what the version before this one kept (the sums per learner and year, per school and
     * year and per school and day, and the days as text), or everything this version keeps (the days as numbers and
     * the school weeks too).
     */
    static final int UNKEPT = 0;
    static final int KEPT_BEFORE = 1;
    static final int KEPT = 2;

    /**
     * Counts into what is kept the statements an earlier version stored ({@code kept} below {@link #KEPT}: a first
     * start after an upgrade, or statements an older node stored while nodes were upgraded one at a time). Versions
     * before this one kept the sums per learner and year (every version since they were kept) but not the days as
     * numbers nor the school weeks; those before the one before kept no days and no school days either; and what is
     * kept per learner and year is empty after an upgrade from before it: then all of it is counted. Who learned at
     * each school is counted again from the learner-years then, and when it is empty beside learner-years (the first
     * start with it). Nothing to do is three reads of an index; otherwise the statements' table is held while they
     * are counted, so no batch stores meanwhile.
     */
    public void ensureKept() {
        db.transactionRetrying(c -> {
            boolean unkept = Jdbc.first(c, "SELECT 1 FROM env_xapi_statement WHERE kept < " + KEPT
                    + " FETCH FIRST 1 ROWS ONLY", r -> 1).isPresent();
            if (!unkept && !SchoolLearners.missing(c)) {
                return null;
            }
            Jdbc.update(c, "LOCK TABLE env_xapi_statement IN EXCLUSIVE MODE");
            if (unkept) {
                countUnkept(c);
            }
            SchoolLearners.recountAll(c);
            return null;
        });
    }

    /** Counts the statements not kept yet into what is kept; the caller holds the statements' table. */
    private void countUnkept(Connection c) throws SQLException {
        boolean sumsKept = Jdbc.first(c, "SELECT 1 FROM env_xapi_learner_year FETCH FIRST 1 ROWS ONLY", r -> 1)
                .isPresent();
        LearnerYears.Tally years = learnerYears.tally();
        SchoolDays.Tally days = schoolDays.tally();
        SchoolDays.Tally weeks = schoolDays.tally();
        long[] read = new long[KEPT];
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, learner, occurred_at, score_scaled, demo, "
                + "kept FROM env_xapi_statement WHERE kept < " + KEPT)) {
            s.setFetchSize(1_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Instant at = r.getTimestamp(3).toInstant();
                    Double score = Jdbc.nullableDouble(r, 4);
                    boolean demo = r.getInt(5) > 0;
                    int kept = r.getInt(6);
                    years.add(r.getString(1), r.getString(2), at, score, demo);
                    (kept == UNKEPT ? days : weeks).add(r.getString(1), at, score, demo);
                    read[kept]++;
                }
            }
        }
        LOG.info("xAPI: counting statements stored by an earlier version into what is kept: " + read[UNKEPT]
                + " into the sums " + (sumsKept ? "" : "per learner and year and ") + "per school and day and week and "
                + "the learners' days, " + read[KEPT_BEFORE] + " into the school weeks and the learners' days");
        if (sumsKept) {
            learnerYears.widen(c, years);
        } else {
            learnerYears.fill(c, years);
        }
        schoolDays.keep(c, days);
        schoolDays.keepWeeks(c, weeks);
        SchoolYears.recountAll(c);
        Jdbc.update(c, "UPDATE env_xapi_statement SET kept = " + KEPT + " WHERE kept < " + KEPT);
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(XapiStore.class.getName());

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

    /** Erases every statement of a learner, and what is kept of them; how many there were. */
    public int erase(String learner) {
        return db.transaction(c -> {
            Jdbc.update(c, "DELETE FROM env_learner_view WHERE learner = ?", learner);
            List<java.util.Map.Entry<String, Integer>> years = Jdbc.list(c, "SELECT school_id, fiscal_year "
                    + "FROM env_xapi_learner_year WHERE learner = ?", r -> java.util.Map.entry(r.getString(1),
                            r.getInt(2)), learner);
            Jdbc.update(c, "DELETE FROM env_xapi_learner_year WHERE learner = ?", learner);
            SchoolLearners.remove(c, learner);
            for (java.util.Map.Entry<String, Integer> year : years) {
                SchoolYears.recount(c, year.getKey(), year.getValue());
            }
            schoolDays.remove(c, learner);
            for (String table : List.of("env_xapi_attachment", "env_xapi_related")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE statement_id IN (SELECT id FROM env_xapi_statement "
                        + "WHERE learner = ?)", learner);
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM env_xapi_statement WHERE learner = ?")) {
                s.setString(1, learner);
                return s.executeUpdate();
            }
        });
    }

    /** A school's learning records in a period. */
    public record SchoolSummary(String schoolId, int learners, long statements, Double meanScore, boolean demo) {
    }

    /** Per school (or one school): learners, statements and the mean scaled score in a fiscal year, a row each. */
    public List<SchoolSummary> summary(String schoolId, FiscalYear fy) {
        return db.transaction(c -> SchoolYears.summary(c, schoolId, fy.year()));
    }

    /**
     * The same over every year: the school's years summed, and its learners in any year counted once each (kept per
     * school, not counted from every learner-year).
     */
    public List<SchoolSummary> summary(String schoolId) {
        return db.transaction(c -> SchoolYears.everyYear(c, schoolId, SchoolLearners.learners(c, schoolId)));
    }

    /**
     * Per school (or one school): learners, statements and the mean scaled score, in (since, until]. The days the
     * period holds whole are read from what is kept per school and day and per learner and year; only the hours
     * before the first whole day and after the last are counted from the statements (through the index on time).
     */
    public List<SchoolSummary> summary(String schoolId, Instant since, Instant until) {
        // A day is whole when it starts after since and the next starts no later than until.
        LocalDate first = LocalDate.ofInstant(since, zone).plusDays(1);
        LocalDate last = LocalDate.ofInstant(until, zone).minusDays(1);
        // Statements lie in the fiscal years the platform handles, so whole days outside them hold none.
        LocalDate from = first.isBefore(FiscalYear.FIRST_DAY) ? FiscalYear.FIRST_DAY : first;
        LocalDate to = last.isAfter(FiscalYear.LAST_DAY) ? FiscalYear.LAST_DAY : last;
        return db.transaction(c -> {
            java.util.Map<String, Sums> sums = new java.util.TreeMap<>();
            java.util.Map<String, java.util.Set<String>> edge = new java.util.HashMap<>();
            java.util.Map<String, Integer> learners = new java.util.HashMap<>();
            if (from.isAfter(to)) {
                counted(c, schoolId, "occurred_at > ? AND occurred_at <= ?", since, until, sums, edge);
                edge.forEach((school, seen) -> learners.put(school, seen.size()));
            } else {
                schoolDays.sums(c, schoolId, from, to).forEach((school, s) -> sums.computeIfAbsent(school,
                        k -> new Sums()).add(s));
                counted(c, schoolId, "occurred_at > ? AND occurred_at < ?", since, first.atStartOfDay(zone).toInstant(),
                        sums, edge);
                counted(c, schoolId, "occurred_at >= ? AND occurred_at <= ?",
                        last.plusDays(1).atStartOfDay(zone).toInstant(), until, sums, edge);
                learners.putAll(learnerYears.learners(c, schoolId, from, to, edge));
            }
            List<SchoolSummary> out = new ArrayList<>();
            sums.forEach((school, s) -> {
                if (s.statements > 0) {
                    out.add(new SchoolSummary(school, learners.getOrDefault(school, 0), s.statements,
                            Sums.meanScore(s.scoreSum, s.scores), s.demo > 0));
                }
            });
            return out;
        });
    }

    /** Adds the statements of part of a day to a period's sums and learners, counted one by one. */
    private static void counted(Connection c, String schoolId, String when, Instant from, Instant to,
            java.util.Map<String, Sums> sums, java.util.Map<String, java.util.Set<String>> learners)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, learner, score_scaled, demo "
                + "FROM env_xapi_statement WHERE " + when + (schoolId == null ? "" : " AND school_id = ?"))) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            if (schoolId != null) {
                s.setString(3, schoolId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sums.computeIfAbsent(r.getString(1), k -> new Sums()).add(Jdbc.nullableDouble(r, 3),
                            r.getInt(4) > 0);
                    learners.computeIfAbsent(r.getString(1), k -> new java.util.HashSet<>()).add(r.getString(2));
                }
            }
        }
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
            java.time.LocalDate day = r.occurredAt().atZone(zone).toLocalDate();
            java.time.LocalDate monday = day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
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
