package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog.Query;

/** The audit table. It only ever inserts and reads: entries are never changed or removed. */
public final class AuditStore {

    private static final String COLUMNS = "id, written_at, actor, role, school_id, channel, action, outcome, summary";

    private final Sql sql;

    public AuditStore(Sql sql) {
        this.sql = sql;
    }

    public AuditEntry insert(AuditEntry e) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gp_audit (written_at, actor, role, school_id, channel, "
                    + "action, outcome, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setTimestamp(1, Timestamp.from(e.at()));
                ps.setString(2, cut(e.actor(), 200));
                ps.setString(3, cut(e.role(), 20));
                ps.setString(4, e.school());
                ps.setString(5, e.channel());
                ps.setString(6, cut(e.action(), 300));
                ps.setString(7, cut(e.outcome(), 20));
                ps.setString(8, e.summary() == null ? null : cut(e.summary(), 2000));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new AuditEntry(keys.getLong(1), e.at(), e.actor(), e.role(), e.school(), e.channel(),
                            e.action(), e.outcome(), e.summary());
                }
            }
        });
    }

    /** The id of the latest entry (0 when there is none): it grows with every write any node records. */
    public long latestId() {
        return sql.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM gp_audit")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    public List<AuditEntry> find(Query q, int offset, int limit) {
        return sql.transaction(c -> {
            List<Object> args = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_audit" + where(q, args)
                    + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = bind(ps, args);
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                    return out;
                }
            }
        });
    }

    public long count(Query q) {
        return sql.transaction(c -> {
            List<Object> args = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gp_audit" + where(q, args))) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String where(Query q, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (q.actor() != null) {
            terms.add("actor = ?");
            args.add(q.actor());
        }
        if (q.school() != null) {
            terms.add("school_id = ?");
            args.add(q.school());
        }
        if (q.action() != null) {
            terms.add("action LIKE ?");
            args.add("%" + q.action().replace("%", "").replace("_", "") + "%");
        }
        if (q.from() != null) {
            terms.add("written_at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            terms.add("written_at < ?");
            args.add(Timestamp.from(q.to()));
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            if (a instanceof Timestamp t) {
                ps.setTimestamp(i++, t);
            } else {
                ps.setString(i++, (String) a);
            }
        }
        return i;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("written_at").toInstant(), rs.getString("actor"),
                rs.getString("role"), rs.getString("school_id"), rs.getString("channel"), rs.getString("action"),
                rs.getString("outcome"), rs.getString("summary"));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
