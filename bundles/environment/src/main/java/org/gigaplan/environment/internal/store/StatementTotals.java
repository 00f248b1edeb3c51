package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;

/**
 * What the LRS keeps beside its statements so the board's summaries read a few rows instead of every statement: per
 * learner and year ({@link LearnerYears}), per school and year ({@link SchoolYears}), per school and day and week with
 * their learners ({@link SchoolDays}), and the learners of each school, numbered ({@link SchoolLearners}). Written in
 * the transaction that stores or erases the statements; brought up to date at start with the statements an earlier
 * version stored.
 */
public final class StatementTotals {

    private final Database db;
    /** A statement counts on its local date in the platform's zone, and in that date's fiscal year. */
    private final java.time.ZoneId zone;
    private final LearnerYears learnerYears;
    private final SchoolDays schoolDays;
    private final LearnerViews learnerViews;

    StatementTotals(Database db, java.time.ZoneId zone) {
        this.db = db;
        this.zone = zone;
        this.learnerYears = new LearnerYears(zone);
        this.schoolDays = new SchoolDays(zone);
        this.learnerViews = new LearnerViews(db);
    }

    /** Which learners opened their own history, per fiscal year. */
    public LearnerViews learnerViews() {
        return learnerViews;
    }

    /** Adds new statements to what is kept per learner and year and per school, day and week, in their transaction. */
    void keep(Connection c, List<XapiStore.Row> fresh) throws SQLException {
        LearnerYears.Tally years = learnerYears.tally();
        SchoolDays.Tally days = schoolDays.tally();
        for (XapiStore.Row r : fresh) {
            years.add(r.schoolId(), r.learner(), r.occurredAt(), r.scoreScaled(), r.demo());
            days.add(r.schoolId(), r.learner(), r.occurredAt(), r.scoreScaled(), r.demo());
        }
        List<LearnerYears.LearnerYear> made = learnerYears.keep(c, years);
        SchoolYears.keep(c, years.years.values(), made);
        schoolDays.keep(c, days, SchoolLearners.keep(c, years.years.values(), made));
    }

    /**
     * What a statement's {@code kept} says it was counted into: nothing (stored by a version before anything was kept
     * beside the statements); the sums per learner and year, per school and year and per school and day (and the days
     * of each learner, as text: no longer read); the same and the school weeks (and the days of each learner as
     * numbers: no longer read); or everything this version keeps (the learners of each school day and week too).
     */
    static final int UNKEPT = 0;
    static final int KEPT_IN_DAYS = 1;
    static final int KEPT_IN_WEEKS = 2;
    static final int KEPT = 3;

    /**
     * Counts into what is kept the statements an earlier version stored ({@code kept} below {@link #KEPT}: a first
     * start after an upgrade, or statements an older node stored while nodes were upgraded one at a time). Every
     * version kept the sums per learner and year since they were kept at all (the table is empty after an upgrade
     * from before: then all of it is counted); a statement is added to the school days and weeks its version did not
     * keep. Then who learned at each school is counted again from the learner-years, numbered anew, and every school
     * day's and week's learners are made again from the statements, as they are when who learned at each school is
     * missing beside learner-years (the first start with it). Nothing to do is two reads of an index; otherwise the
     * statements' table is held while they are counted, so no batch stores meanwhile.
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
            long started = System.nanoTime();
            schoolDays.relearn(c, SchoolLearners.recountAll(c));
            LOG.info("xAPI: who learned at each school numbered and each school day's and week's learners made from "
                    + "the statements in " + (System.nanoTime() - started) / 1_000_000 + " ms");
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
                    if (kept == UNKEPT) {
                        days.add(r.getString(1), at, score, demo);
                    } else if (kept == KEPT_IN_DAYS) {
                        weeks.add(r.getString(1), at, score, demo);
                    }
                    read[kept]++;
                }
            }
        }
        LOG.info("xAPI: counting statements stored by an earlier version into what is kept: " + read[UNKEPT]
                + " into the sums " + (sumsKept ? "" : "per learner and year and ") + "per school and day and week, "
                + read[KEPT_IN_DAYS] + " into the school weeks, " + read[KEPT_IN_WEEKS] + " into the learners of "
                + "each school day and week only");
        if (!sumsKept) {
            learnerYears.fill(c, years);
        }
        schoolDays.keep(c, days, Map.of());
        schoolDays.keepWeeks(c, weeks);
        SchoolYears.recountAll(c);
        Jdbc.update(c, "UPDATE env_xapi_statement SET kept = " + KEPT + " WHERE kept < " + KEPT);
    }

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(StatementTotals.class.getName());

    /** Takes a learner's statements (still stored) out of what is kept, in the transaction that erases them. */
    void remove(Connection c, String learner) throws SQLException {
        Jdbc.update(c, "DELETE FROM env_learner_view WHERE learner = ?", learner);
        List<Map.Entry<String, Integer>> years = Jdbc.list(c, "SELECT school_id, fiscal_year "
                + "FROM env_xapi_learner_year WHERE learner = ?", r -> Map.entry(r.getString(1),
                        r.getInt(2)), learner);
        Jdbc.update(c, "DELETE FROM env_xapi_learner_year WHERE learner = ?", learner);
        Map<String, Integer> numbers = SchoolLearners.remove(c, learner);
        for (Map.Entry<String, Integer> year : years) {
            SchoolYears.recount(c, year.getKey(), year.getValue());
        }
        schoolDays.remove(c, learner, numbers);
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
     * period holds whole are read from what is kept per school and week or day, their learners joined as sets; only
     * the hours before the first whole day and after the last are counted from the statements (through the index on
     * time).
     */
    public List<SchoolSummary> summary(String schoolId, Instant since, Instant until) {
        // A day is whole when it starts after since and the next starts no later than until.
        LocalDate first = LocalDate.ofInstant(since, zone).plusDays(1);
        LocalDate last = LocalDate.ofInstant(until, zone).minusDays(1);
        // Statements lie in the fiscal years the platform handles, so whole days outside them hold none.
        LocalDate from = first.isBefore(FiscalYear.FIRST_DAY) ? FiscalYear.FIRST_DAY : first;
        LocalDate to = last.isAfter(FiscalYear.LAST_DAY) ? FiscalYear.LAST_DAY : last;
        return db.transaction(c -> {
            Map<String, Sums> sums = new TreeMap<>();
            Map<String, Set<String>> edge = new HashMap<>();
            Map<String, Integer> learners = new HashMap<>();
            if (from.isAfter(to)) {
                counted(c, schoolId, "occurred_at > ? AND occurred_at <= ?", since, until, sums, edge);
                edge.forEach((school, seen) -> learners.put(school, seen.size()));
            } else {
                Map<String, SchoolDays.Whole> whole = schoolDays.whole(c, schoolId, from, to);
                whole.forEach((school, w) -> sums.computeIfAbsent(school, k -> new Sums()).add(w.sums()));
                counted(c, schoolId, "occurred_at > ? AND occurred_at < ?", since, first.atStartOfDay(zone).toInstant(),
                        sums, edge);
                counted(c, schoolId, "occurred_at >= ? AND occurred_at <= ?",
                        last.plusDays(1).atStartOfDay(zone).toInstant(), until, sums, edge);
                learners.putAll(learners(c, schoolId, whole, edge, since, until));
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

    /**
     * Per school: how many learners a period has, given its whole days' learners ({@code whole}, by number), the names
     * of the learners of its hours before and after them ({@code edge}), and the period's ends: those of the whole
     * days and those of the edge days ({@code since}'s day and {@code until}'s) with a statement after {@code since} or
     * up to {@code until}, told from the first and last time kept of each learner's day. A learner whose time lies in
     * the very millisecond of an end is counted when their name is among the edges' (a few names read). A school
     * whose edge day had more learners than their times are kept of counts its edge learners by name instead; one
     * that has given every number it may ({@link SchoolLearners#MOST_NUMBERS}) counts its learners from its statements.
     */
    private Map<String, Integer> learners(Connection c, String schoolId, Map<String, SchoolDays.Whole> whole,
            Map<String, Set<String>> edge, Instant since, Instant until) throws SQLException {
        LocalDate before = LocalDate.ofInstant(since, zone);
        LocalDate after = LocalDate.ofInstant(until, zone);
        Map<SchoolDay, Learners> edges = SchoolDayLearners.edges(c, schoolId, before, after);
        Set<String> schools = new java.util.TreeSet<>(whole.keySet());
        edges.keySet().forEach(k -> schools.add(k.schoolId()));
        Set<String> full = SchoolLearners.full(c, schoolId);
        Map<String, Integer> out = new HashMap<>();
        for (String school : schools) {
            if (full.contains(school)) {
                out.put(school, Jdbc.first(c, "SELECT COUNT(DISTINCT learner) FROM env_xapi_statement "
                        + "WHERE school_id = ? AND occurred_at > ? AND occurred_at <= ?", r -> r.getInt(1), school,
                        since, until).orElse(0));
                continue;
            }
            BitSet all = new BitSet();
            if (whole.containsKey(school)) {
                all.or(whole.get(school).learners());
            }
            Learners first = edges.get(new SchoolDay(school, before));
            Learners last = edges.get(new SchoolDay(school, after));
            if (first != null && !first.timed() || last != null && !last.timed()) {
                out.put(school, byName(c, school, all, edge.getOrDefault(school, Set.of())));
                continue;
            }
            BitSet unsure = new BitSet();
            if (first != null) {
                all.or(first.after(schoolDays.msInto(before, since), unsure));
            }
            if (last != null) {
                all.or(last.upTo(schoolDays.msInto(after, until), unsure));
            }
            unsure.andNot(all);
            int more = 0;
            if (!unsure.isEmpty()) {
                Set<String> named = edge.getOrDefault(school, Set.of());
                more = (int) SchoolLearners.names(c, school, unsure).stream().filter(named::contains).count();
            }
            out.put(school, all.cardinality() + more);
        }
        return out;
    }

    /**
     * How many learners a school's period has, its edge days' learners told by name: those of its whole days
     * ({@code whole}, by number) joined with those of its hours before and after them ({@code edge}), through their
     * numbers (an edge learner an older node stored without one is in no whole day's set). For an edge day of more
     * learners than their times are kept of.
     */
    private static int byName(Connection c, String school, BitSet whole, Set<String> edge) throws SQLException {
        Map<String, Integer> numbers = SchoolLearners.numbers(c, school, edge);
        BitSet all = (BitSet) whole.clone();
        numbers.values().forEach(all::set);
        return all.cardinality() + edge.size() - numbers.size();
    }

    /** Adds the statements of part of a day to a period's sums and learners, counted one by one. */
    private static void counted(Connection c, String schoolId, String when, Instant from, Instant to,
            Map<String, Sums> sums, Map<String, Set<String>> learners) throws SQLException {
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
                    learners.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(2));
                }
            }
        }
    }
}
