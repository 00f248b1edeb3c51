package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;

/**
 * What the LRS keeps per school, fiscal year and learner beside the Statements, so the board's summaries and the
 * learners-looking figure read a row per learner instead of every Statement: statements and scaled scores
 * ({@code env_xapi_learner_year}), and whether the learner opened their own history ({@code env_learner_view}).
 */
public final class LearnerYears {

    private final Database db;
    private final ZoneId zone;

    public LearnerYears(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    private int fiscalYear(Instant at) {
        return org.gigaplan.plan.model.FiscalYear.containing(at, zone).year();
    }

    /**
     * Adds new statements to what is kept per school, fiscal year and learner (statements, the sum and number of
     * scaled scores): one batched update, then one batched insert for the learners new in the year; in key order, so
     * two batches never wait on each other crosswise. Two batches adding the same new learner at once race for its
     * key: this runs in {@code transactionRetrying}.
     */
    void keep(Connection c, List<XapiStore.Row> rows) throws SQLException {
        java.util.SortedMap<String, LearnerYear> byKey = new java.util.TreeMap<>();
        for (XapiStore.Row r : rows) {
            int fy = fiscalYear(r.occurredAt());
            LearnerYear k = byKey.computeIfAbsent(r.schoolId() + "|" + fy + "|" + r.learner(),
                    x -> new LearnerYear(r.schoolId(), fy, r.learner()));
            k.statements++;
            if (r.scoreScaled() != null) {
                k.scoreSum += r.scoreScaled();
                k.scores++;
            }
            k.demo |= r.demo();
        }
        List<LearnerYear> keys = new ArrayList<>(byKey.values());
        int[] updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE env_xapi_learner_year SET statements = statements + ?, "
                + "score_sum = score_sum + ?, scores = scores + ?, demo = CASE WHEN ? = 1 THEN 1 ELSE demo END "
                + "WHERE school_id = ? AND fiscal_year = ? AND learner = ?")) {
            for (LearnerYear k : keys) {
                k.bind(s);
            }
            updated = s.executeBatch();
        }
        List<LearnerYear> fresh = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (updated[i] == 0) {
                fresh.add(keys.get(i));
            }
        }
        if (!fresh.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_learner_year (statements, score_sum, "
                    + "scores, demo, school_id, fiscal_year, learner) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (LearnerYear k : fresh) {
                    k.bind(s);
                }
                s.executeBatch();
            }
        }
    }

    /** What a batch adds for one learner in one school and fiscal year. */
    private static final class LearnerYear {
        final String schoolId;
        final int fiscalYear;
        final String learner;
        long statements;
        double scoreSum;
        long scores;
        boolean demo;

        LearnerYear(String schoolId, int fiscalYear, String learner) {
            this.schoolId = schoolId;
            this.fiscalYear = fiscalYear;
            this.learner = learner;
        }

        /** Binds statements, score sum, scores, demo, then the key, and adds the row to the batch. */
        void bind(PreparedStatement s) throws SQLException {
            s.setLong(1, statements);
            s.setDouble(2, scoreSum);
            s.setLong(3, scores);
            s.setInt(4, demo ? 1 : 0);
            s.setString(5, schoolId);
            s.setInt(6, fiscalYear);
            s.setString(7, learner);
            s.addBatch();
        }
    }

    /**
     * Counts what is kept per school, fiscal year and learner from the statements when it is missing beside them
     * (the first start after an upgrade): one grouped insert per fiscal year the statements span.
     */
    public void ensure() {
        db.transactionRetrying(c -> {
            if (Jdbc.first(c, "SELECT 1 FROM env_xapi_learner_year FETCH FIRST 1 ROWS ONLY", r -> 1).isPresent()) {
                return null;
            }
            // Only then the statements' span: no index leads with their time, so it reads every one of them.
            Optional<Instant[]> span = Jdbc.first(c, "SELECT MIN(occurred_at), MAX(occurred_at) FROM env_xapi_statement",
                    r -> r.getTimestamp(1) == null ? null
                            : new Instant[] { r.getTimestamp(1).toInstant(), r.getTimestamp(2).toInstant() });
            if (span.isEmpty()) {
                return null;
            }
            for (int fy = fiscalYear(span.get()[0]); fy <= fiscalYear(span.get()[1]); fy++) {
                org.gigaplan.plan.model.FiscalYear year = org.gigaplan.plan.model.FiscalYear.of(fy);
                Jdbc.update(c, "INSERT INTO env_xapi_learner_year (school_id, fiscal_year, learner, statements, "
                        + "score_sum, scores, demo) SELECT school_id, " + fy + ", learner, COUNT(*), "
                        + "COALESCE(SUM(score_scaled), 0), COUNT(score_scaled), MAX(demo) FROM env_xapi_statement "
                        + "WHERE occurred_at >= ? AND occurred_at < ? GROUP BY school_id, learner",
                        year.startIn(zone), year.endIn(zone));
            }
            return null;
        });
    }

    /**
     * Per school (or one school): learners, statements and the mean scaled score in the fiscal years
     * {@code first} … {@code last}, from what is kept per learner and year: a learner of two of the years counts once.
     */
    public List<XapiStore.SchoolSummary> summary(String schoolId, int first, int last) {
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, COUNT(DISTINCT learner), SUM(statements), "
                + "SUM(score_sum), SUM(scores), MAX(demo) FROM env_xapi_learner_year WHERE fiscal_year >= ? AND "
                + "fiscal_year <= ?" + (schoolId == null ? "" : " AND school_id = ?")
                + " GROUP BY school_id ORDER BY school_id", r -> {
                    long scores = r.getLong(5);
                    return new XapiStore.SchoolSummary(r.getString(1), r.getInt(2), r.getLong(3),
                            scores == 0 ? null : XapiStore.roundScore(r.getDouble(4) / scores), r.getInt(6) > 0);
                }, schoolId == null ? List.of(first, last) : List.of(first, last, schoolId)));
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
