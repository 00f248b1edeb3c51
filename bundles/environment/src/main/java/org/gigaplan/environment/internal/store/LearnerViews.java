package org.gigaplan.environment.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.gigaplan.plan.service.Database;

/**
 * Whether each learner opened their own history in a fiscal year ({@code env_learner_view}): the board's figure of
 * learners looking at their own records.
 */
public final class LearnerViews {

    private final Database db;

    LearnerViews(Database db) {
        this.db = db;
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
