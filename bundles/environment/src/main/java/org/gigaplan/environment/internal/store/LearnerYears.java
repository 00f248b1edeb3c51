package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What the LRS keeps per school, fiscal year and learner beside the Statements, so the board's summaries and the
 * learners-looking figure read a row per learner instead of every Statement: statements and scaled scores
 * ({@code env_xapi_learner_year}). Who learned in a period is kept per school and day or week ({@link SchoolDays}).
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
            int fy = FiscalYear.containing(at.atZone(zone).toLocalDate()).year();
            years.computeIfAbsent(schoolId + "|" + fy + "|" + learner, x -> new LearnerYear(schoolId, fy, learner))
                    .sums.add(score, demo);
        }
    }

    Tally tally() {
        return new Tally();
    }

    /**
     * Adds new statements to what is kept per school, fiscal year and learner, in key order: one batched update of the
     * rows kept already, one insert of the learners new in the year. Two batches adding the same new learner at once
     * race for its key: the caller runs in {@code transactionRetrying}. The learner-years it made.
     */
    List<LearnerYear> keep(Connection c, Tally tally) throws SQLException {
        List<LearnerYear> keys = new ArrayList<>(tally.years.values());
        UpsertBatch rows = sums();
        keys.forEach(k -> rows.row(row(k)));
        boolean[] inserted = rows.run(c);
        List<LearnerYear> made = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                made.add(keys.get(i));
            }
        }
        return made;
    }

    /** What a learner-year adds, as {@link #sums()} takes it. */
    private static Object[] row(LearnerYear k) {
        return new Object[] { k.schoolId, k.fiscalYear, k.learner, k.sums.statements, k.sums.scoreSum, k.sums.scores,
            k.sums.demo > 0 };
    }

    private static UpsertBatch sums() {
        return UpsertBatch.into("env_xapi_learner_year").key("school_id", "fiscal_year", "learner")
                .add("statements", "score_sum", "scores").raise("demo");
    }

    /** What statements add for one learner in one school and fiscal year. */
    static final class LearnerYear {
        final String schoolId;
        final int fiscalYear;
        final String learner;
        final Sums sums = new Sums();

        LearnerYear(String schoolId, int fiscalYear, String learner) {
            this.schoolId = schoolId;
            this.fiscalYear = fiscalYear;
            this.learner = learner;
        }
    }

    /** Stores what a reading of every statement tallied, into an empty table (the first start after an upgrade). */
    void fill(Connection c, Tally tally) throws SQLException {
        UpsertBatch rows = sums();
        tally.years.values().forEach(k -> rows.knownRow(false, row(k)));
        rows.run(c);
    }
}
