package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What is kept per learner and year, rolled up per school and fiscal year ({@code env_xapi_school_year}): learners,
 * statements, the sum and number of scaled scores, and whether any is demo data. A fiscal year's summary and the share
 * of learners looking at their history read a row per school instead of one per learner. Kept in the transaction
 * that keeps the learner-years; the years a learner is erased from, and all of it after statements of an earlier
 * version were counted, are recounted from the learner-years.
 */
final class SchoolYears {

    private static final String RECOUNT = "INSERT INTO env_xapi_school_year (school_id, fiscal_year, learners, "
            + "statements, score_sum, scores, demo) SELECT school_id, fiscal_year, COUNT(*), SUM(statements), "
            + "SUM(score_sum), SUM(scores), MAX(demo) FROM env_xapi_learner_year";

    /** A school's fiscal year, and what a batch adds to it. */
    private static final class Year {
        final String schoolId;
        final int fiscalYear;
        long learners;
        final Sums sums = new Sums();

        Year(String schoolId, int fiscalYear) {
            this.schoolId = schoolId;
            this.fiscalYear = fiscalYear;
        }
    }

    /**
     * Adds what a batch added to the learner-years ({@code batch}; {@code fresh}, those it made) to their schools'
     * years, in key order; the years new to a school are inserted. Two batches opening the
     * same year race for its key: the caller runs in {@code transactionRetrying}.
     */
    static void keep(Connection c, Collection<LearnerYears.LearnerYear> batch,
            Collection<LearnerYears.LearnerYear> fresh) throws SQLException {
        SortedMap<String, Year> years = new TreeMap<>();
        for (LearnerYears.LearnerYear k : batch) {
            years.computeIfAbsent(k.schoolId + "|" + k.fiscalYear, x -> new Year(k.schoolId, k.fiscalYear)).sums
                    .add(k.sums);
        }
        for (LearnerYears.LearnerYear k : fresh) {
            years.get(k.schoolId + "|" + k.fiscalYear).learners++;
        }
        UpsertBatch rows = UpsertBatch.into("env_xapi_school_year").key("school_id", "fiscal_year")
                .add("learners", "statements", "score_sum", "scores").raise("demo");
        years.values().forEach(y -> rows.row(y.schoolId, y.fiscalYear, y.learners, y.sums.statements, y.sums.scoreSum,
                y.sums.scores, y.sums.demo > 0));
        rows.run(c);
    }

    /** Counts a school's fiscal year again from its learner-years (after a learner was erased from it). */
    static void recount(Connection c, String schoolId, int fiscalYear) throws SQLException {
        Jdbc.update(c, "DELETE FROM env_xapi_school_year WHERE school_id = ? AND fiscal_year = ?", schoolId, fiscalYear);
        Jdbc.update(c, RECOUNT + " WHERE school_id = ? AND fiscal_year = ? GROUP BY school_id, fiscal_year", schoolId,
                fiscalYear);
    }

    /** Counts every school's years again from the learner-years. */
    static void recountAll(Connection c) throws SQLException {
        Jdbc.update(c, "DELETE FROM env_xapi_school_year");
        Jdbc.update(c, RECOUNT + " GROUP BY school_id, fiscal_year");
    }

    /** Per school (or one school), by school: learners, statements and the mean scaled score in a fiscal year. */
    static List<StatementTotals.SchoolSummary> summary(Connection c, String schoolId, int fiscalYear) throws SQLException {
        return Jdbc.list(c, "SELECT school_id, learners, statements, score_sum, scores, demo FROM env_xapi_school_year "
                + "WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY school_id",
                r -> new StatementTotals.SchoolSummary(r.getString(1), r.getInt(2), r.getLong(3),
                        Sums.meanScore(r.getDouble(4), r.getLong(5)), r.getInt(6) > 0), schoolId == null ? List.of(fiscalYear) : List.of(fiscalYear, schoolId));
    }

    /** Per school (or one school) with learners in a fiscal year: how many. */
    static Map<String, Long> learners(Connection c, String schoolId, int fiscalYear) throws SQLException {
        return Jdbc.list(c, "SELECT school_id, learners FROM env_xapi_school_year WHERE fiscal_year = ?"
                + (schoolId == null ? "" : " AND school_id = ?"), r -> Map.entry(r.getString(1), r.getLong(2)),
                schoolId == null ? List.of(fiscalYear) : List.of(fiscalYear, schoolId)).stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Per school (or one school), by school: statements and the mean scaled score over every fiscal year kept, and
     * {@code learners}, the school's learners in any year (a school with none kept counts none).
     */
    static List<StatementTotals.SchoolSummary> everyYear(Connection c, String schoolId, Map<String, Long> learners)
            throws SQLException {
        return Jdbc.list(c, "SELECT school_id, SUM(statements), SUM(score_sum), SUM(scores), MAX(demo) "
                + "FROM env_xapi_school_year" + (schoolId == null ? "" : " WHERE school_id = ?")
                + " GROUP BY school_id ORDER BY school_id", r -> new StatementTotals.SchoolSummary(r.getString(1),
                        learners.getOrDefault(r.getString(1), 0L).intValue(), r.getLong(2),
                        Sums.meanScore(r.getDouble(3), r.getLong(4)), r.getInt(5) > 0),
                schoolId == null ? List.of() : List.of(schoolId));
    }
}
