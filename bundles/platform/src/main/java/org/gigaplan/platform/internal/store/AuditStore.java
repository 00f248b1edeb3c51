package org.gigaplan.platform.internal.store;

import java.sql.Connection;
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

    /** How many entries past a page's start its count reads at most, when nothing narrows the log. */
    public static final long COUNTED = 10_000;

    /** A page of the entries matching, newest first, and how many match (counted no further than {@code atMost}). */
    public record Found(List<AuditEntry> entries, long total, boolean totalAtLeast) {
    }

    /**
     * A page of the entries matching, newest first, with their count. Every write through /api is an entry, a city's
     * machines' millions a year, so neither reads more than it must:
     * <ul>
     * <li>With no filter, the count stops at {@code atMost} (all of a million: 0.15 s on Derby; 10,000: 10 ms).
     * <li>A person's, a school's and a time range's entries are counted and read through their indexes.
     * <li>A part of the action matches anywhere in it: no index serves it, so the count reads the table. The page then
     * walks the log from its newest until it is full when the entries matching are many (each step fetches an entry
     * on its own, about twice a table read's cost: half a second for a rare action at a million), else it reads the
     * table and sorts what matches.
     * </ul>
     */
    public Found page(Query q, int offset, int limit, long atMost) {
        return sql.transaction(c -> {
            boolean all = q.equals(Query.all());
            long total = Math.min(atMost, count(c, q, all ? atMost : Long.MAX_VALUE));
            String index = q.actor() != null ? "ix_gp_audit_actor_newest" : q.school() != null
                    ? "ix_gp_audit_school_newest" : q.from() != null || q.to() != null ? null
                    : total >= 2L * (offset + limit) ? "ix_gp_audit_latest" : "null";
            return new Found(read(c, q, index, offset, limit), total, total == atMost);
        });
    }

    /** Entries newest first (the API's {@code AuditLog.find}: a caller of a few). */
    public List<AuditEntry> find(Query q, int offset, int limit) {
        return page(q, offset, limit, Long.MAX_VALUE).entries();
    }

    /** How many entries match. */
    public long count(Query q) {
        return sql.transaction(c -> count(c, q, Long.MAX_VALUE));
    }

    /**
     * Entries newest first through an index named to Derby ({@code null}: the table; a comment elsewhere), whose
     * optimizer, not counting on the FETCH, sorted every entry matching for a page of 50.
     */
    private static List<AuditEntry> read(Connection c, Query q, String index, int offset, int limit)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_audit" + (index == null ? ""
                : " --DERBY-PROPERTIES index=" + index + "\n") + where(q, args)
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
    }

    /** The entries matching, counted no further than {@code atMost} (all with {@link Long#MAX_VALUE}). */
    private static long count(Connection c, Query q, long atMost) throws SQLException {
        List<Object> args = new ArrayList<>();
        String matching = "FROM gp_audit" + where(q, args);
        try (PreparedStatement ps = c.prepareStatement(atMost == Long.MAX_VALUE ? "SELECT COUNT(*) " + matching
                : "SELECT COUNT(*) FROM (SELECT 1 " + matching + " FETCH FIRST " + atMost + " ROWS ONLY) t")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
