package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What the LRS keeps per school, fiscal year and learner beside the Statements, so the board's summaries and the
 * learners-looking figure read a row per learner instead of every Statement: statements, scaled scores and the days
 * with any ({@code env_xapi_learner_year}), and whether the learner opened their own history
 * ({@code env_learner_view}).
 */
public final class LearnerYears {

    private final Database db;
    private final ZoneId zone;

    public LearnerYears(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    /** Statements tallied per school, fiscal year and learner, in key order. */
    final class Tally {
        final java.util.SortedMap<String, LearnerYear> years = new java.util.TreeMap<>();

        void add(String schoolId, String learner, Instant at, Double score, boolean demo) {
            java.time.LocalDate day = at.atZone(zone).toLocalDate();
            FiscalYear fy = FiscalYear.containing(day);
            LearnerYear k = years.computeIfAbsent(key(schoolId, fy.year(), learner),
                    x -> new LearnerYear(schoolId, fy.year(), learner));
            k.sums.add(score, demo);
            k.days.set(dayOf(fy, day));
        }
    }

    Tally tally() {
        return new Tally();
    }

    private static String key(String schoolId, int fiscalYear, String learner) {
        return schoolId + "|" + fiscalYear + "|" + learner;
    }

    /** A day's bit in a learner-year's days: its place in the fiscal year, 0 for 1 April. */
    private static int dayOf(FiscalYear fy, java.time.LocalDate day) {
        return (int) java.time.temporal.ChronoUnit.DAYS.between(fy.start(), day);
    }

    /**
     * Adds new statements to what is kept per school, fiscal year and learner (statements, the sum and number of
     * scaled scores, the days with any): one batched update of the sums, which also locks the rows kept already, and
     * one batched insert for the learners new in the year; then the days of the rows kept already are read and
     * widened, with no other writer between. In key order, so two batches never wait on each other crosswise. Two
     * batches adding the same new learner at once race for its key: the caller runs in {@code transactionRetrying}.
     * The learner-years it made.
     */
    List<LearnerYear> keep(Connection c, Tally tally) throws SQLException {
        List<LearnerYear> keys = new ArrayList<>(tally.years.values());
        UpsertBatch rows = UpsertBatch.into("env_xapi_learner_year").key("school_id", "fiscal_year", "learner")
                .add("statements", "score_sum", "scores").raise("demo").onInsert("days");
        for (LearnerYear k : keys) {
            rows.row(k.schoolId, k.fiscalYear, k.learner, k.sums.statements, k.sums.scoreSum, k.sums.scores,
                    k.sums.demo > 0, encode(k.days));
        }
        boolean[] inserted = rows.run(c);
        List<LearnerYear> fresh = new ArrayList<>();
        List<LearnerYear> known = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            (inserted[i] ? fresh : known).add(keys.get(i));
        }
        widenDays(c, known);
        return fresh;
    }

    /**
     * Adds the days of statements whose sums are kept already (stored by a version that kept no days) to the rows
     * kept; a learner-year not kept at all is inserted whole. The caller holds the statements' table, so no batch
     * writes these rows meanwhile.
     */
    void widen(Connection c, Tally tally) throws SQLException {
        List<LearnerYear> missing = widenDays(c, new ArrayList<>(tally.years.values()));
        if (!missing.isEmpty()) {
            insert(c, missing);
        }
    }

    private static void insert(Connection c, java.util.Collection<LearnerYear> years) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_learner_year (statements, score_sum, "
                + "scores, demo, school_id, fiscal_year, learner, days) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LearnerYear k : years) {
                s.setString(8, encode(k.days));
                k.bind(s);
            }
            s.executeBatch();
        }
    }

    /** How many learners one read of kept days asks for: a fixed number, so the statement is prepared once. */
    private static final int CHUNK = 50;

    /**
     * Adds the days of a batch to the rows kept already (locked by this transaction), writing those that change; the
     * learner-years it did not find.
     */
    private static List<LearnerYear> widenDays(Connection c, List<LearnerYear> known) throws SQLException {
        if (known.isEmpty()) {
            return known;
        }
        java.util.Map<String, LearnerYear> byKey = new java.util.HashMap<>();
        known.forEach(k -> byKey.put(key(k.schoolId, k.fiscalYear, k.learner), k));
        List<LearnerYear> widened = new ArrayList<>();
        String in = String.join(", ", java.util.Collections.nCopies(CHUNK, "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, fiscal_year, learner, days "
                + "FROM env_xapi_learner_year WHERE school_id = ? AND fiscal_year = ? AND learner IN (" + in + ")")) {
            for (int from = 0; from < known.size();) {
                LearnerYear head = known.get(from);
                int to = from;
                while (to < known.size() && to - from < CHUNK && known.get(to).schoolId.equals(head.schoolId)
                        && known.get(to).fiscalYear == head.fiscalYear) {
                    to++;
                }
                s.setString(1, head.schoolId);
                s.setInt(2, head.fiscalYear);
                for (int i = 0; i < CHUNK; i++) {
                    s.setString(3 + i, known.get(Math.min(from + i, to - 1)).learner);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        LearnerYear k = byKey.remove(key(r.getString(1), r.getInt(2), r.getString(3)));
                        java.util.BitSet kept = decode(r.getString(4));
                        java.util.BitSet both = (java.util.BitSet) kept.clone();
                        both.or(k.days);
                        if (!both.equals(kept)) {
                            k.days = both;
                            widened.add(k);
                        }
                    }
                }
                from = to;
            }
        }
        if (!widened.isEmpty()) {
            writeDays(c, widened);
        }
        return new ArrayList<>(byKey.values());
    }

    private static void writeDays(Connection c, List<LearnerYear> widened) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE env_xapi_learner_year SET days = ? "
                + "WHERE school_id = ? AND fiscal_year = ? AND learner = ?")) {
            for (LearnerYear k : widened) {
                s.setString(1, encode(k.days));
                s.setString(2, k.schoolId);
                s.setInt(3, k.fiscalYear);
                s.setString(4, k.learner);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Days as kept: the bits of a fiscal year's days (at most 366, 46 bytes), in Base64. */
    static String encode(java.util.BitSet days) {
        return java.util.Base64.getEncoder().encodeToString(days.toByteArray());
    }

    static java.util.BitSet decode(String days) {
        return days == null ? new java.util.BitSet() : java.util.BitSet.valueOf(java.util.Base64.getDecoder().decode(days));
    }

    /** What statements add for one learner in one school and fiscal year. */
    static final class LearnerYear {
        final String schoolId;
        final int fiscalYear;
        final String learner;
        final Sums sums = new Sums();
        java.util.BitSet days = new java.util.BitSet();

        LearnerYear(String schoolId, int fiscalYear, String learner) {
            this.schoolId = schoolId;
            this.fiscalYear = fiscalYear;
            this.learner = learner;
        }

        /** Binds statements, score sum, scores, demo, then the key, and adds the row to the batch. */
        void bind(PreparedStatement s) throws SQLException {
            s.setLong(1, sums.statements);
            s.setDouble(2, sums.scoreSum);
            s.setLong(3, sums.scores);
            s.setInt(4, sums.demo > 0 ? 1 : 0);
            s.setString(5, schoolId);
            s.setInt(6, fiscalYear);
            s.setString(7, learner);
            s.addBatch();
        }
    }

    /** Stores what a reading of every statement tallied, into an empty table (the first start after an upgrade). */
    void fill(Connection c, Tally tally) throws SQLException {
        insert(c, tally.years.values());
    }

    /**
     * Per school (or one school): the learners with a statement on a day from {@code first} to {@code last}, from
     * the days kept per learner and year (a fiscal year the period holds whole: every learner kept in it).
     */
    java.util.Map<String, java.util.Set<String>> active(Connection c, String schoolId, java.time.LocalDate first,
            java.time.LocalDate last) throws SQLException {
        java.util.Map<String, java.util.Set<String>> out = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, fiscal_year, learner, days "
                + "FROM env_xapi_learner_year WHERE fiscal_year >= ? AND fiscal_year <= ?"
                + (schoolId == null ? "" : " AND school_id = ?"))) {
            s.setInt(1, FiscalYear.containing(first).year());
            s.setInt(2, FiscalYear.containing(last).year());
            if (schoolId != null) {
                s.setString(3, schoolId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    FiscalYear fy = FiscalYear.of(r.getInt(2));
                    boolean whole = !first.isAfter(fy.start()) && !last.isBefore(fy.end());
                    int lo = fy.contains(first) ? dayOf(fy, first) : 0;
                    int hi = fy.contains(last) ? dayOf(fy, last) : Integer.MAX_VALUE;
                    int day = whole ? 0 : decode(r.getString(4)).nextSetBit(lo);
                    if (day >= 0 && day <= hi) {
                        out.computeIfAbsent(r.getString(1), k -> new java.util.HashSet<>()).add(r.getString(3));
                    }
                }
            }
        }
        return out;
    }

    /** Records that a learner opened their own history in a fiscal year (the first time counts; later ones do not). */
    public void learnerOpened(String schoolId, String learner, int fiscalYear, Instant at, boolean demo) {
        db.transactionRetrying(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM env_learner_view WHERE school_id = ? AND "
                    + "learner = ? AND fiscal_year = ?")) {
                s.setString(1, schoolId);
                s.setString(2, learner);
                s.setInt(3, fiscalYear);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO env_learner_view (school_id, learner, fiscal_year, "
                    + "first_opened, demo) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, schoolId);
                s.setString(2, learner);
                s.setInt(3, fiscalYear);
                s.setTimestamp(4, java.sql.Timestamp.from(at));
                s.setInt(5, demo ? 1 : 0);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Per school: learners who opened their own history in a fiscal year. */
    public java.util.Map<String, Integer> learnersOpened(int fiscalYear) {
        return db.transaction(c -> {
            java.util.Map<String, Integer> out = new java.util.HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT school_id, COUNT(*) FROM env_learner_view "
                    + "WHERE fiscal_year = ? GROUP BY school_id")) {
                s.setInt(1, fiscalYear);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getInt(2));
                    }
                }
            }
            return out;
        });
    }
}
