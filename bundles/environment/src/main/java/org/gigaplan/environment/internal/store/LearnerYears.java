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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What the LRS keeps per school, fiscal year and learner beside the Statements, so the board's summaries and the
 * learners-looking figure read a row per learner instead of every Statement: statements, scaled scores and the days
 * with any ({@code env_xapi_learner_year}), the days as {@link DayBits} keeps them.
 */
public final class LearnerYears {

    private final ZoneId zone;

    LearnerYears(ZoneId zone) {
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
            k.days.set(DayBits.dayOf(fy, day));
        }
    }

    Tally tally() {
        return new Tally();
    }

    private static String key(String schoolId, int fiscalYear, String learner) {
        return schoolId + "|" + fiscalYear + "|" + learner;
    }

    /**
     * Adds new statements to what is kept per school, fiscal year and learner (statements, the sum and number of
     * scaled scores, the days with any) in two batched writes: the days kept are read first, then one update adds the
     * sums and writes the widened days of each row kept already, on the condition that its days are still those read,
     * and one insert makes the learners new in the year. A row another batch widened meanwhile (its update finds
     * nothing) is then added to as a second step: its sums updated (which locks it), its days read again and widened.
     * Rows are written in key order, but one widened meanwhile is locked after the others: two batches of the same
     * learners at once may then wait on each other crosswise, which the database breaks by rolling one back. That, and
     * two batches adding the same new learner at once (racing for its key), the caller retries: it runs in
     * {@code transactionRetrying}. The learner-years it made.
     */
    List<LearnerYear> keep(Connection c, Tally tally) throws SQLException {
        List<LearnerYear> keys = new ArrayList<>(tally.years.values());
        Map<String, BitSet> kept = keptDays(c, keys);
        List<LearnerYear> fresh = new ArrayList<>();
        List<LearnerYear> known = new ArrayList<>();
        for (LearnerYear k : keys) {
            (kept.containsKey(key(k)) ? known : fresh).add(k);
        }
        List<LearnerYear> moved = addTo(c, known, kept);
        UpsertBatch rows = sums();
        for (LearnerYear k : fresh) {
            rows.knownRow(false, row(k));
        }
        for (LearnerYear k : moved) {
            rows.knownRow(true, row(k));
        }
        boolean[] inserted = rows.run(c);
        List<LearnerYear> made = new ArrayList<>(fresh);
        List<LearnerYear> widen = new ArrayList<>();
        for (int i = 0; i < moved.size(); i++) {
            // (A row erased since it was read is made anew, with the batch's days.)
            (inserted[fresh.size() + i] ? made : widen).add(moved.get(i));
        }
        widenDays(c, widen);
        return made;
    }

    /** What a learner-year adds, as {@link #sums()} takes it: its key, sums, demo flag, then its days (on insert). */
    private static Object[] row(LearnerYear k) {
        List<Object> row = new ArrayList<>(List.of(k.schoolId, k.fiscalYear, k.learner, k.sums.statements,
                k.sums.scoreSum, k.sums.scores, k.sums.demo > 0));
        DayBits.addTo(row, k.days);
        return row.toArray();
    }

    private static UpsertBatch sums() {
        return UpsertBatch.into("env_xapi_learner_year").key("school_id", "fiscal_year", "learner")
                .add("statements", "score_sum", "scores").raise("demo").onInsert(DayBits.COLUMNS.toArray(String[]::new));
    }

    /**
     * Adds to rows kept already their sums and their days widened, each on the condition that its days are still
     * those read; the learner-years whose row changed since (or went).
     */
    private static List<LearnerYear> addTo(Connection c, List<LearnerYear> known, Map<String, BitSet> kept)
            throws SQLException {
        if (known.isEmpty()) {
            return known;
        }
        String[] days = DayBits.COLUMNS.toArray(String[]::new);
        UpsertBatch rows = UpsertBatch.into("env_xapi_learner_year").key("school_id", "fiscal_year", "learner")
                .set(days).add("statements", "score_sum", "scores").raise("demo").expect(days);
        for (LearnerYear k : known) {
            BitSet before = kept.get(key(k));
            BitSet both = (BitSet) before.clone();
            both.or(k.days);
            List<Object> row = new ArrayList<>(List.of(k.schoolId, k.fiscalYear, k.learner));
            DayBits.addTo(row, both);
            row.addAll(List.of(k.sums.statements, k.sums.scoreSum, k.sums.scores, k.sums.demo > 0));
            DayBits.addTo(row, before);
            rows.row(row.toArray());
        }
        boolean[] found = rows.update(c);
        List<LearnerYear> moved = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            if (!found[i]) {
                moved.add(known.get(i));
            }
        }
        return moved;
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
        UpsertBatch rows = sums();
        years.forEach(k -> rows.knownRow(false, row(k)));
        rows.run(c);
    }

    /** How many learners one read of kept days asks for: a fixed number, so the statement is prepared once. */
    private static final int CHUNK = 50;

    private static String key(LearnerYear k) {
        return key(k.schoolId, k.fiscalYear, k.learner);
    }

    /** The days kept of these learner-years (in key order), by key; one not kept is not there. */
    private static Map<String, BitSet> keptDays(Connection c, List<LearnerYear> keys) throws SQLException {
        Map<String, BitSet> out = new HashMap<>();
        String sql = "SELECT school_id, fiscal_year, learner, " + DayBits.NAMES + " FROM env_xapi_learner_year "
                + "WHERE school_id = ? AND fiscal_year = ? AND learner IN (" + Jdbc.marks(CHUNK) + ")";
        for (int from = 0; from < keys.size();) {
            LearnerYear head = keys.get(from);
            int to = from;
            while (to < keys.size() && keys.get(to).schoolId.equals(head.schoolId)
                    && keys.get(to).fiscalYear == head.fiscalYear) {
                to++;
            }
            for (Map.Entry<String, BitSet> kept : Jdbc.listIn(c, sql, CHUNK, List.of(head.schoolId, head.fiscalYear),
                    keys.subList(from, to).stream().map(k -> k.learner).toList(),
                    r -> Map.entry(key(r.getString(1), r.getInt(2), r.getString(3)), DayBits.read(r, 4)))) {
                out.put(kept.getKey(), kept.getValue());
            }
            from = to;
        }
        return out;
    }

    /**
     * Adds the days of a batch to the rows kept already (locked by this transaction), writing those that change; the
     * learner-years it did not find.
     */
    private static List<LearnerYear> widenDays(Connection c, List<LearnerYear> known) throws SQLException {
        if (known.isEmpty()) {
            return known;
        }
        Map<String, BitSet> kept = keptDays(c, known);
        List<LearnerYear> widened = new ArrayList<>();
        List<LearnerYear> missing = new ArrayList<>();
        for (LearnerYear k : known) {
            BitSet before = kept.get(key(k));
            if (before == null) {
                missing.add(k);
                continue;
            }
            BitSet both = (BitSet) before.clone();
            both.or(k.days);
            if (!both.equals(before)) {
                k.days = both;
                widened.add(k);
            }
        }
        if (!widened.isEmpty()) {
            writeDays(c, widened);
        }
        return missing;
    }

    private static void writeDays(Connection c, List<LearnerYear> widened) throws SQLException {
        UpsertBatch rows = UpsertBatch.into("env_xapi_learner_year").key("school_id", "fiscal_year", "learner")
                .set(DayBits.COLUMNS.toArray(String[]::new));
        for (LearnerYear k : widened) {
            List<Object> row = new ArrayList<>(List.of(k.schoolId, k.fiscalYear, k.learner));
            DayBits.addTo(row, k.days);
            rows.row(row.toArray());
        }
        rows.update(c);
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
    }

    /** Stores what a reading of every statement tallied, into an empty table (the first start after an upgrade). */
    void fill(Connection c, Tally tally) throws SQLException {
        insert(c, tally.years.values());
    }

    /**
     * Per school (or one school): how many learners have a statement on a day from {@code first} to {@code last}
     * or in the hours outside those days, whose learners are {@code edge} (per school, from their statements), read
     * from the learner-years of the period's fiscal years. When the day before {@code first} and the day after
     * {@code last} lie in one fiscal year, a learner has one learner-year in it ({@link #inOneYear}). A period across
     * fiscal years gathers each school's learners by name, once each.
     */
    Map<String, Integer> learners(Connection c, String schoolId, java.time.LocalDate first,
            java.time.LocalDate last, Map<String, Set<String>> edge) throws SQLException {
        java.time.LocalDate before = first.minusDays(1);
        java.time.LocalDate after = last.plusDays(1);
        if (FiscalYear.handles(before) && FiscalYear.handles(after)
                && FiscalYear.containing(before).equals(FiscalYear.containing(after))) {
            return inOneYear(c, schoolId, FiscalYear.containing(first), first, last, edge);
        }
        Map<String, Set<String>> named = new HashMap<>();
        Map<Integer, long[]> periodDays = new HashMap<>();
        // One year is asked as one, so the database reads it through the index by year (given a range, it may guess
        // the range holds most rows and read every year's).
        int firstYear = FiscalYear.containing(first).year();
        int lastYear = FiscalYear.containing(last).year();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, fiscal_year, learner, " + DayBits.NAMES
                + " FROM env_xapi_learner_year WHERE "
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
                    long[] days = periodDays.computeIfAbsent(r.getInt(2), year -> DayBits.period(first, last, year));
                    if (days == null || DayBits.anyOf(r, 4, days)) {
                        named.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(3));
                    }
                }
            }
        }
        edge.forEach((school, learners) -> named.computeIfAbsent(school, k -> new HashSet<>()).addAll(learners));
        Map<String, Integer> out = new HashMap<>();
        named.forEach((school, learners) -> out.put(school, learners.size()));
        return out;
    }

    /**
     * The same for a period inside one fiscal year, edges included: each learner-year of the year with a day in the
     * period counts, and one without counts when its learner is on the edge. The database tests the days
     * ({@link DayBits#ANY_OF}) and answers the learners of the smaller side only: with a day in the period when it is
     * at most half the year, else without one, taken from the learners of the school's year ({@code
     * env_xapi_school_year}, kept with the learner-years). A year of a city's learners is tens of thousands of rows:
     * read one by one they took most of the summary's time.
     */
    private static Map<String, Integer> inOneYear(Connection c, String schoolId, FiscalYear fy,
            java.time.LocalDate first, java.time.LocalDate last, Map<String, Set<String>> edge) throws SQLException {
        boolean fewIn = 2 * (java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1)
                <= java.time.temporal.ChronoUnit.DAYS.between(fy.start(), fy.end()) + 1;
        Map<String, Set<String>> side = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, learner FROM env_xapi_learner_year "
                + "WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?") + " AND "
                + (fewIn ? "" : "NOT ") + DayBits.ANY_OF)) {
            s.setInt(1, fy.year());
            if (schoolId != null) {
                s.setString(2, schoolId);
            }
            DayBits.bindAnyOf(s, schoolId == null ? 2 : 3, DayBits.columns(DayBits.dayOf(fy, first),
                    DayBits.dayOf(fy, last)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    side.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(2));
                }
            }
        }
        Map<String, Integer> out = new HashMap<>();
        if (fewIn) {
            edge.forEach((school, learners) -> side.computeIfAbsent(school, k -> new HashSet<>()).addAll(learners));
            side.forEach((school, learners) -> out.put(school, learners.size()));
            return out;
        }
        SchoolYears.learners(c, schoolId, fy.year()).forEach((school, learners) -> {
            Set<String> onEdge = edge.getOrDefault(school, Set.of());
            long outside = side.getOrDefault(school, Set.of()).stream().filter(l -> !onEdge.contains(l)).count();
            out.put(school, (int) (learners - outside));
        });
        return out;
    }
}
