package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.service.PlanImport;

/** Plan imports: each version of the plan data, kept whole. */
public final class PlanStore {

    private static final String COLUMNS = "id, plan_id, data_version, format_version, imported_at, imported_by, "
            + "action_plans, action_items, indicators, sha256";

    private final Sql sql;

    public PlanStore(Sql sql) {
        this.sql = sql;
    }

    /** The import in force and its document. */
    public record Current(PlanImport meta, String document) {
    }

    public Optional<Current> current() {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + ", document FROM gp_plan_import ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Current(meta(rs), rs.getString("document"))) : Optional.empty();
            }
        });
    }

    public List<PlanImport> history() {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_plan_import ORDER BY id DESC");
                    ResultSet rs = ps.executeQuery()) {
                List<PlanImport> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(meta(rs));
                }
                return out;
            }
        });
    }

    public PlanImport insert(PlanImport meta, String document) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gp_plan_import (plan_id, data_version, "
                    + "format_version, imported_at, imported_by, action_plans, action_items, indicators, sha256, document) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, meta.planId());
                ps.setString(2, meta.dataVersion());
                ps.setInt(3, meta.formatVersion());
                ps.setTimestamp(4, Timestamp.from(meta.importedAt()));
                ps.setString(5, meta.importedBy());
                ps.setInt(6, meta.actionPlans());
                ps.setInt(7, meta.actionItems());
                ps.setInt(8, meta.indicators());
                ps.setString(9, meta.sha256());
                ps.setString(10, document);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    long id = keys.getLong(1);
                    return new PlanImport(id, meta.planId(), meta.dataVersion(), meta.formatVersion(), meta.importedAt(),
                            meta.importedBy(), meta.actionPlans(), meta.actionItems(), meta.indicators(), meta.sha256());
                }
            }
        });
    }

    private static PlanImport meta(ResultSet rs) throws SQLException {
        Instant at = rs.getTimestamp("imported_at").toInstant();
        return new PlanImport(rs.getLong("id"), rs.getString("plan_id"), rs.getString("data_version"),
                rs.getInt("format_version"), at, rs.getString("imported_by"), rs.getInt("action_plans"),
                rs.getInt("action_items"), rs.getInt("indicators"), rs.getString("sha256"));
    }
}
