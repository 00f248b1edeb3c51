package org.gigaplan.platform.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.service.PlanVersion.Change;
import org.gigaplan.platform.internal.Json;

import com.fasterxml.jackson.core.type.TypeReference;

/** The plan's versions: each kept whole, with what made it and what it changed. */
public final class PlanStore {

    private static final String COLUMNS = "id, plan_id, data_version, format_version, imported_at, imported_by, "
            + "action_plans, action_items, indicators, sha256, kind, summary, changes";

    private static final TypeReference<List<Change>> CHANGES = new TypeReference<>() {
    };

    private final Sql sql;

    public PlanStore(Sql sql) {
        this.sql = sql;
    }

    /** The version in force and its document. */
    public record Current(PlanVersion meta, String document) {
    }

    /** What to store as the next version: its metadata and, given its number, its document (see {@link #insert}). */
    public record Next(PlanVersion meta, LongFunction<String> document) {
    }

    public Optional<Current> current() {
        return sql.transaction(PlanStore::current);
    }

    private static Optional<Current> current(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + ", document FROM gp_plan_import ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Current(meta(rs), rs.getString("document"))) : Optional.empty();
        }
    }

    /** The number of the newest version (0 before the first): another than the one a node holds means it changed. */
    public long latestVersion() {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM gp_plan_import");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Stores the version {@code next} makes of the newest one (or of none), or nothing when it answers null, with the
     * versions locked meanwhile ({@code LOCK TABLE … IN EXCLUSIVE MODE}, on Derby and PostgreSQL alike): nodes
     * changing the plan at once change it one after the other, each from the version stored before it. What
     * {@code next} throws stores nothing.
     */
    public Optional<PlanVersion> next(java.util.function.Function<Optional<Current>, Next> next) {
        return sql.transaction(c -> {
            lock(c);
            Next n = next.apply(current(c));
            return n == null ? Optional.empty() : Optional.of(insert(c, n.meta(), n.document()));
        });
    }

    /**
     * The version in force, the newest import up to it ({@code lastImport}, with its document; the version in force
     * itself when that is an import), and the versions made here since that import ({@code madeHere}: roll-forwards,
     * edits, publications), newest first: what an import would throw away is told from them.
     */
    public record Standing(Current current, Optional<Current> lastImport, List<PlanVersion> madeHere) {
    }

    /** Where the plan stands (see {@link Standing}); empty before the first version. */
    public Optional<Standing> standing() {
        return sql.transaction(PlanStore::standing);
    }

    /**
     * As {@link #next}, given where the plan stands (see {@link Standing}) rather than the version in force alone, read
     * with the versions locked.
     */
    public Optional<PlanVersion> nextFrom(java.util.function.Function<Optional<Standing>, Next> next) {
        return sql.transaction(c -> {
            lock(c);
            Next n = next.apply(standing(c));
            return n == null ? Optional.empty() : Optional.of(insert(c, n.meta(), n.document()));
        });
    }

    private static void lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE gp_plan_import IN EXCLUSIVE MODE");
        }
    }

    private static Optional<Standing> standing(Connection c) throws SQLException {
        Optional<Current> current = current(c);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Optional<Current> lastImport = Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", document FROM gp_plan_import "
                + "WHERE kind = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, PlanVersion.Kind.IMPORT.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastImport = Optional.of(new Current(meta(rs), rs.getString("document")));
                }
            }
        }
        List<PlanVersion> madeHere = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_plan_import WHERE id > ? "
                + "ORDER BY id DESC")) {
            ps.setLong(1, lastImport.map(i -> i.meta().version()).orElse(0L));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    madeHere.add(meta(rs));
                }
            }
        }
        return Optional.of(new Standing(current.get(), lastImport, madeHere));
    }

    /** Every version, newest first. */
    public List<PlanVersion> versions() {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_plan_import ORDER BY id DESC");
                    ResultSet rs = ps.executeQuery()) {
                List<PlanVersion> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(meta(rs));
                }
                return out;
            }
        });
    }

    /** The document of one version. */
    public Optional<String> document(long version) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document FROM gp_plan_import WHERE id = ?")) {
                ps.setLong(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The versions whose data version is {@code dataVersion}, newest first. */
    public List<PlanVersion> withDataVersion(String dataVersion) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM gp_plan_import WHERE data_version = ? ORDER BY id DESC")) {
                ps.setString(1, dataVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    List<PlanVersion> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(meta(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Stores a new version. Its number is the row's, known only once inserted, so the document is rendered for it
     * then: {@code document} gets the number and answers the JSON to keep; a null {@code meta.dataVersion()} becomes
     * the number too. Both in one transaction: no reader ever sees the version half stored.
     */
    public PlanVersion insert(PlanVersion meta, LongFunction<String> document) {
        return sql.transaction(c -> insert(c, meta, document));
    }

    private static PlanVersion insert(Connection c, PlanVersion meta, LongFunction<String> document)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gp_plan_import (plan_id, data_version, "
                + "format_version, imported_at, imported_by, action_plans, action_items, indicators, sha256, "
                + "kind, summary, changes, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, meta.planId());
            ps.setString(2, meta.dataVersion() == null ? "-" : meta.dataVersion());
            ps.setInt(3, 1);
            ps.setTimestamp(4, Timestamp.from(meta.at()));
            ps.setString(5, meta.by());
            ps.setInt(6, meta.actionPlans());
            ps.setInt(7, meta.actionItems());
            ps.setInt(8, meta.indicators());
            ps.setString(9, "-");
            ps.setString(10, meta.kind().name());
            ps.setString(11, meta.summary() == null ? null
                    : meta.summary().substring(0, Math.min(2000, meta.summary().length())));
            ps.setString(12, Json.mapper().writeValueAsString(meta.changes()));
            ps.setString(13, "");
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dataVersion = meta.dataVersion() == null ? Long.toString(id) : meta.dataVersion();
        String json = document.apply(id);
        String sha = sha256(json);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE gp_plan_import SET data_version = ?, sha256 = ?, document = ? WHERE id = ?")) {
            ps.setString(1, dataVersion);
            ps.setString(2, sha);
            ps.setString(3, json);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        return new PlanVersion(id, meta.planId(), dataVersion, meta.kind(), meta.at(), meta.by(), meta.summary(),
                meta.changes(), meta.actionPlans(), meta.actionItems(), meta.indicators(), sha);
    }

    public static String sha256(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlanVersion meta(ResultSet rs) throws SQLException {
        String changes = rs.getString("changes");
        List<Change> parsed;
        try {
            parsed = changes == null ? List.of() : Json.mapper().readValue(changes, CHANGES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PlanVersion(rs.getLong("id"), rs.getString("plan_id"), rs.getString("data_version"),
                PlanVersion.Kind.valueOf(rs.getString("kind")), rs.getTimestamp("imported_at").toInstant(),
                rs.getString("imported_by"), rs.getString("summary"), parsed, rs.getInt("action_plans"),
                rs.getInt("action_items"), rs.getInt("indicators"), rs.getString("sha256"));
    }
}
