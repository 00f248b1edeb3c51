package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;

/**
 * What the LRS keeps beside its statements so the board's summaries read a few rows instead of every statement: per
 * learner and year ({@link LearnerYears}), per school and year ({@link SchoolYears}), per school and day and week
 * ({@link SchoolDays}), and the learners of each school ({@link SchoolLearners}). Written in the transaction that
 * stores or erases the statements; brought up to date at start with the statements an earlier version stored.
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

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(StatementTotals.class.getName());

    /** Takes a learner's statements (still stored) out of what is kept, in the transaction that erases them. */
    void remove(Connection c, String learner) throws SQLException {
        Jdbc.update(c, "DELETE FROM env_learner_view WHERE learner = ?", learner);
        List<Map.Entry<String, Integer>> years = Jdbc.list(c, "SELECT school_id, fiscal_year "
                + "FROM env_xapi_learner_year WHERE learner = ?", r -> Map.entry(r.getString(1),
                        r.getInt(2)), learner);
        Jdbc.update(c, "DELETE FROM env_xapi_learner_year WHERE learner = ?", learner);
        SchoolLearners.remove(c, learner);
        for (Map.Entry<String, Integer> year : years) {
            SchoolYears.recount(c, year.getKey(), year.getValue());
        }
            schoolDays.remove(c, learner);
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
     * period holds whole are read from what is kept per school and week or day and per learner and year; only the
     * hours before the first whole day and after the last are counted from the statements (through the index on
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
}
