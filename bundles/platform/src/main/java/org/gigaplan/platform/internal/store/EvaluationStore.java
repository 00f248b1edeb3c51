package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.Upsert;

/** The board's evaluation of each basic policy per fiscal year ({@code gp_evaluation}); in the caller's transaction. */
public final class EvaluationStore {

    /** One policy's evaluation as kept. */
    public record StoredEvaluation(int fiscalYear, int policy, String text, String updatedBy, Instant updatedAt) {
    }

    public List<StoredEvaluation> list(Connection c, int fiscalYear) throws SQLException {
        return Jdbc.list(c, "SELECT fiscal_year, policy, body, updated_by, updated_at FROM gp_evaluation "
                + "WHERE fiscal_year = ? ORDER BY policy", r -> new StoredEvaluation(r.getInt(1), r.getInt(2),
                        r.getString(3), r.getString(4), r.getTimestamp(5).toInstant()), fiscalYear);
    }

    public void put(Connection c, StoredEvaluation e) throws SQLException {
        Upsert.into("gp_evaluation").key("fiscal_year", e.fiscalYear()).key("policy", e.policy())
                .set("body", e.text()).set("updated_by", e.updatedBy()).set("updated_at", e.updatedAt()).run(c);
    }

    /** @return whether there was one */
    public boolean delete(Connection c, int fiscalYear, int policy) throws SQLException {
        return Jdbc.update(c, "DELETE FROM gp_evaluation WHERE fiscal_year = ? AND policy = ?", fiscalYear, policy) == 1;
    }
}
