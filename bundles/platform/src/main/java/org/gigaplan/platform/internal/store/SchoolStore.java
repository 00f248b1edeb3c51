package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.service.SchoolImport;

/** The school directory table. */
public final class SchoolStore {

    private static final String COLUMNS = "id, name_ja, name_en, school_type, enrollment, classes, sample";

    private final Sql sql;

    public SchoolStore(Sql sql) {
        this.sql = sql;
    }

    public List<School> list(SchoolType type, int offset, int limit) {
        String where = type == null ? "" : " WHERE school_type = ?";
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_school" + where
                    + " ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = 1;
                if (type != null) {
                    ps.setString(i++, type.name());
                }
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<School> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(school(rs));
                    }
                    return out;
                }
            }
        });
    }

    public long count(SchoolType type) {
        String where = type == null ? "" : " WHERE school_type = ?";
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gp_school" + where)) {
                if (type != null) {
                    ps.setString(1, type.name());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Optional<School> find(String id) {
        return sql.transaction(c -> find(c, id));
    }

    /** A school, in a transaction the caller holds. */
    public Optional<School> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_school WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(school(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Adds or updates every school in one transaction (again when another import added one of them meanwhile). A
     * school given exactly as stored is left as it is, its sample flag too: only a change makes it a real school's.
     */
    public SchoolImport upsertAll(List<School> schools) {
        return sql.transactionRetrying(c -> {
            int added = 0;
            int updated = 0;
            for (School s : schools) {
                Boolean change = upsert(c, s);
                if (Boolean.TRUE.equals(change)) {
                    added++;
                } else if (change != null) {
                    updated++;
                }
            }
            return new SchoolImport(added, updated, schools.stream().map(School::id).toList());
        });
    }

    /**
     * Adds or updates one school in a transaction the caller holds; a school given exactly as stored is left as it
     * is, its sample flag too.
     *
     * @return true when added, false when updated, null when it was stored as given
     */
    public Boolean upsert(Connection c, School s) throws SQLException {
        try (PreparedStatement current = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_school WHERE id = ?")) {
            current.setString(1, s.id());
            try (ResultSet rs = current.executeQuery()) {
                if (rs.next() && sameContent(school(rs), s)) {
                    return null;
                }
            }
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement update = c.prepareStatement("UPDATE gp_school SET name_ja = ?, name_en = ?, "
                + "school_type = ?, enrollment = ?, classes = ?, sample = ?, updated_at = ? WHERE id = ?")) {
            bind(update, s, now);
            if (update.executeUpdate() == 1) {
                return false;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO gp_school (name_ja, name_en, school_type, "
                + "enrollment, classes, sample, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, s, now);
            insert.executeUpdate();
            return true;
        }
    }

    private static boolean sameContent(School stored, School given) {
        return stored.equals(new School(given.id(), given.name(), given.type(), given.enrollment(), given.classes(),
                stored.sample()));
    }

    private static void bind(PreparedStatement ps, School s, Timestamp now) throws SQLException {
        ps.setString(1, s.name().ja());
        ps.setString(2, s.name().en());
        ps.setString(3, s.type().name());
        ps.setInt(4, s.enrollment());
        ps.setInt(5, s.classes());
        ps.setBoolean(6, s.sample());
        ps.setTimestamp(7, now);
        ps.setString(8, s.id());
    }

    private static School school(ResultSet rs) throws SQLException {
        return new School(rs.getString("id"), new LocalizedText(rs.getString("name_ja"), rs.getString("name_en")),
                SchoolType.valueOf(rs.getString("school_type")), rs.getInt("enrollment"), rs.getInt("classes"),
                rs.getBoolean("sample"));
    }
}
