package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What the LRS keeps per school, fiscal year and learner beside the Statements, so the board's summaries and the
 * learners-looking figure read a row per learner instead of every Statement: statements, scaled scores and the days
 * with any ({@code env_xapi_learner_year}), and whether the learner opened their own history
 * ({@code env_learner_view}). The days are kept as numbers, {@value #DAYS_A_COLUMN} days each: bit n of {@code d}k is
 * day 61k + n of the fiscal year (0 for 1 April), so a period's test is a mask per number.
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
        final SortedMap<String, LearnerYear> years = new TreeMap<>();

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
                .add("statements", "score_sum", "scores").raise("demo").onInsert(DAY_COLUMNS.toArray(String[]::new));
        for (LearnerYear k : keys) {
            List<Object> row = new ArrayList<>(List.of(k.schoolId, k.fiscalYear, k.learner, k.sums.statements,
                    k.sums.scoreSum, k.sums.scores, k.sums.demo > 0));
            for (long column : columns(k.days)) {
                row.add(column);
            }
            rows.row(row.toArray());
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

    private static void insert(Connection c, Collection<LearnerYear> years) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_learner_year (statements, score_sum, "
                + "scores, demo, school_id, fiscal_year, learner, " + DAYS + ") VALUES (?, ?, ?, ?, ?, ?, ?, "
                + String.join(", ", Collections.nCopies(DAY_COLUMNS.size(), "?")) + ")")) {
            for (LearnerYear k : years) {
                bindDays(s, 8, k.days);
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
        Map<String, LearnerYear> byKey = new HashMap<>();
        known.forEach(k -> byKey.put(key(k.schoolId, k.fiscalYear, k.learner), k));
        List<LearnerYear> widened = new ArrayList<>();
        String in = String.join(", ", Collections.nCopies(CHUNK, "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, fiscal_year, learner, " + DAYS
                + " FROM env_xapi_learner_year WHERE school_id = ? AND fiscal_year = ? AND learner IN (" + in + ")")) {
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
                        BitSet kept = days(r, 4);
                        BitSet both = (BitSet) kept.clone();
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
        try (PreparedStatement s = c.prepareStatement("UPDATE env_xapi_learner_year SET "
                + String.join(", ", DAY_COLUMNS.stream().map(d -> d + " = ?").toList())
                + " WHERE school_id = ? AND fiscal_year = ? AND learner = ?")) {
            int key = DAY_COLUMNS.size() + 1;
            for (LearnerYear k : widened) {
                bindDays(s, 1, k.days);
                s.setString(key, k.schoolId);
                s.setInt(key + 1, k.fiscalYear);
                s.setString(key + 2, k.learner);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Days a kept column holds. */
    static final int DAYS_A_COLUMN = 61;
    /** The columns of the days, in order: 6 × 61 days are a leap year's 366. */
    private static final List<String> DAY_COLUMNS = List.of("d0", "d1", "d2", "d3", "d4", "d5");
    private static final String DAYS = String.join(", ", DAY_COLUMNS);

    /** A fiscal year's days as kept: a number per column. */
    static long[] columns(BitSet days) {
        long[] out = new long[DAY_COLUMNS.size()];
        for (int d = days.nextSetBit(0); d >= 0; d = days.nextSetBit(d + 1)) {
            out[d / DAYS_A_COLUMN] |= 1L << (d % DAYS_A_COLUMN);
        }
        return out;
    }

    private static void bindDays(PreparedStatement s, int from, BitSet days) throws SQLException {
        long[] columns = columns(days);
        for (int i = 0; i < columns.length; i++) {
            s.setLong(from + i, columns[i]);
        }
    }

    /** The days kept in the columns read from {@code from} on. */
    static BitSet days(ResultSet r, int from) throws SQLException {
        BitSet out = new BitSet();
        for (int i = 0; i < DAY_COLUMNS.size(); i++) {
            for (long bits = r.getLong(from + i); bits != 0; bits &= bits - 1) {
                out.set(i * DAYS_A_COLUMN + Long.numberOfTrailingZeros(bits));
            }
        }
        return out;
    }

    /** The days {@code first} … {@code last} of a fiscal year (0 for 1 April) as the columns keep them. */
    static long[] columns(int first, int last) {
        BitSet days = new BitSet();
        days.set(first, last + 1);
        return columns(days);
    }

    /** Whether the columns read from {@code from} on hold a day of {@code days} (as {@link #columns(int, int)}). */
    private static boolean anyOf(ResultSet r, int from, long[] days) throws SQLException {
        for (int i = 0; i < days.length; i++) {
            if (days[i] != 0 && (r.getLong(from + i) & days[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** What statements add for one learner in one school and fiscal year. */
    static final class LearnerYear {
        final String schoolId;
        final int fiscalYear;
        final String learner;
        final Sums sums = new Sums();
        BitSet days = new BitSet();

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
     * Per school (or one school): how many learners have a statement on a day from {@code first} to {@code last}
     * or in the hours outside those days, whose learners are {@code edge} (per school, from their statements), read
     * from the learner-years of the period's fiscal years. When the day before {@code first} and the day after
     * {@code last} lie in one fiscal year, a learner has one learner-year in it: the learner-years with a day in the
     * period are counted without their learners' names, and a school with learner-years without one is read again
     * by name, to count those of its edge learners. A period across fiscal years gathers each school's learners by
     * name, once each.
     */
    Map<String, Integer> learners(Connection c, String schoolId, java.time.LocalDate first,
            java.time.LocalDate last, Map<String, Set<String>> edge) throws SQLException {
        java.time.LocalDate before = first.minusDays(1);
        java.time.LocalDate after = last.plusDays(1);
        boolean oneYear = FiscalYear.handles(before) && FiscalYear.handles(after)
                && FiscalYear.containing(before).equals(FiscalYear.containing(after));
        Map<String, Integer> out = new HashMap<>();
        Map<String, Set<String>> named = new HashMap<>();
        Set<String> toName = new HashSet<>();
        Map<Integer, long[]> periodDays = new HashMap<>();
        // One year is asked as one, so the database reads it through the index by year (given a range, it may guess
        // the range holds most rows and read every year's).
        int firstYear = FiscalYear.containing(first).year();
        int lastYear = FiscalYear.containing(last).year();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, fiscal_year, " + DAYS
                + (oneYear ? "" : ", learner") + " FROM env_xapi_learner_year WHERE "
                + (firstYear == lastYear ? "fiscal_year = ?" : "fiscal_year >= ? AND fiscal_year <= ?")
                + (schoolId == null ? "" : " AND school_id = ?"))) {
            int at = 1;
            s.setInt(at++, firstYear);
            if (firstYear != lastYear) {
                s.setInt(at++, lastYear);
            }
            if (schoolId != null) {
                s.setString(at, schoolId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String school = r.getString(1);
                    long[] days = periodDays.computeIfAbsent(r.getInt(2), year -> periodDays(first, last, year));
                    boolean in = days == null || anyOf(r, 3, days);
                    if (oneYear && in) {
                        out.merge(school, 1, Integer::sum);
                    } else if (oneYear && edge.containsKey(school)) {
                        toName.add(school);
                    } else if (in) {
                        named.computeIfAbsent(school, k -> new HashSet<>()).add(r.getString(3 + DAY_COLUMNS.size()));
                    }
                }
            }
        }
        for (String school : toName) {
            long[] days = periodDays.get(firstYear);
            Set<String> onEdge = edge.get(school);
            for (String learner : Jdbc.list(c, "SELECT learner, " + DAYS + " FROM env_xapi_learner_year "
                    + "WHERE school_id = ? AND fiscal_year = ?", r -> anyOf(r, 2, days) ? null : r.getString(1),
                    school, firstYear)) {
                if (learner != null && onEdge.contains(learner)) {
                    out.merge(school, 1, Integer::sum);
                }
            }
        }
        if (!oneYear) {
            edge.forEach((school, learners) -> named.computeIfAbsent(school, k -> new HashSet<>()).addAll(learners));
            named.forEach((school, learners) -> out.put(school, learners.size()));
        }
        return out;
    }

    /**
     * The days from {@code first} to {@code last} in a fiscal year, as the columns keep them; null for a year the
     * period holds whole (every learner kept in it had a day there).
     */
    private static long[] periodDays(java.time.LocalDate first, java.time.LocalDate last, int year) {
        FiscalYear fy = FiscalYear.of(year);
        if (!first.isAfter(fy.start()) && !last.isBefore(fy.end())) {
            return null;
        }
        return columns(fy.contains(first) ? dayOf(fy, first) : 0, fy.contains(last) ? dayOf(fy, last)
                : dayOf(fy, fy.end()));
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
    public Map<String, Integer> learnersOpened(int fiscalYear) {
        return db.transaction(c -> {
            Map<String, Integer> out = new HashMap<>();
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
