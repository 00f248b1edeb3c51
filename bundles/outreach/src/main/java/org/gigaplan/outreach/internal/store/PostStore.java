package org.gigaplan.outreach.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.outreach.internal.Post;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;

/** Support-site posts and the history of each. */
public final class PostStore {

    /** Filters of a list; each null matches everything. {@code visibleAt}: only posts readers see at that time. */
    public record Query(Post.Status status, String lang, Post.Category category, Post.Audience audience,
            Instant visibleAt) {
    }

    private static final String COLUMNS = "id, title, body_format, body_source, body_html, category, audience, lang, "
            + "status, publish_at, created_by, created_at, updated_at, demo";

    private final Database db;

    public PostStore(Database db) {
        this.db = db;
    }

    /** A new post in DRAFT; its id. */
    public long insert(Connection c, Post.Draft d, Post.Format format, String html, Post.Category category,
            Post.Audience audience, String lang, String by, Instant now, boolean demo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outreach_post (title, body_format, body_source, "
                + "body_html, category, audience, lang, status, created_by, created_at, updated_at, demo) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bindContent(s, d, format, html, category, audience, lang);
            s.setString(8, Post.Status.DRAFT.name());
            s.setString(9, by);
            s.setTimestamp(10, Timestamp.from(now));
            s.setTimestamp(11, Timestamp.from(now));
            s.setInt(12, demo ? 1 : 0);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Replaces a draft's content; false when the post is no longer a draft. */
    public boolean update(Connection c, long id, Post.Draft d, Post.Format format, String html, Post.Category category,
            Post.Audience audience, String lang, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE outreach_post SET title = ?, body_format = ?, "
                + "body_source = ?, body_html = ?, category = ?, audience = ?, lang = ?, updated_at = ? WHERE id = ? "
                + "AND status = 'DRAFT'")) {
            bindContent(s, d, format, html, category, audience, lang);
            s.setTimestamp(8, Timestamp.from(now));
            s.setLong(9, id);
            return s.executeUpdate() == 1;
        }
    }

    /** A post's content as parameters 1 to 7: title, body format, source and HTML, category, audience, language. */
    private static void bindContent(PreparedStatement s, Post.Draft d, Post.Format format, String html,
            Post.Category category, Post.Audience audience, String lang) throws SQLException {
        s.setString(1, d.title().trim());
        s.setString(2, format.name());
        s.setString(3, d.body());
        s.setString(4, html);
        s.setString(5, category.name());
        s.setString(6, audience.name());
        s.setString(7, lang);
    }

    /**
     * Moves a post from one state to another; publishAt is kept for PUBLISHED and ARCHIVED, cleared otherwise. False
     * when the post was no longer in {@code from} (moved meanwhile by someone else).
     */
    public boolean setStatus(Connection c, long id, Post.Status from, Post.Status status, Instant publishAt, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE outreach_post SET status = ?, publish_at = ?, updated_at = ? "
                + "WHERE id = ? AND status = ?")) {
            s.setString(1, status.name());
            s.setTimestamp(2, publishAt == null ? null : Timestamp.from(publishAt));
            s.setTimestamp(3, Timestamp.from(now));
            s.setLong(4, id);
            s.setString(5, from.name());
            return s.executeUpdate() == 1;
        }
    }

    public void addEvent(Connection c, long id, String action, Post.Status status, String note, String by, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outreach_post_event (post_id, action, status, note, "
                + "acted_by, acted_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, action);
            s.setString(3, status.name());
            s.setString(4, note);
            s.setString(5, by);
            s.setTimestamp(6, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /**
     * One post with its history; with {@code forUpdate}, its row is locked until the transaction ends, by writing it
     * (Derby's SELECT … FOR UPDATE lets go of the row when its cursor closes, at read committed).
     */
    public Optional<Post> find(Connection c, long id, boolean forUpdate) throws SQLException {
        if (forUpdate) {
            Jdbc.update(c, "UPDATE outreach_post SET updated_at = updated_at WHERE id = ?", id);
        }
        Optional<Post> found = Jdbc.first(c, "SELECT " + COLUMNS + " FROM outreach_post WHERE id = ?",
                r -> post(r, List.of()), id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Post post = found.get();
        List<Post.Event> history = Jdbc.list(c, "SELECT action, status, note, acted_by, acted_at "
                + "FROM outreach_post_event WHERE post_id = ? ORDER BY id", r -> new Post.Event(r.getString(1),
                        Post.Status.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                        r.getTimestamp(5).toInstant()), id);
        return Optional.of(new Post(post.id(), post.title(), post.format(), post.body(), post.html(), post.category(),
                post.audience(), post.lang(), post.status(), post.publishAt(), post.createdBy(), post.createdAt(),
                post.updatedAt(), post.demo(), history));
    }

    public Optional<Post> find(long id) {
        return db.transaction(c -> find(c, id, false));
    }

    /** Posts matching a query, newest publication (then newest change) first, a page of them, and how many match. */
    public List<Post> list(Query q, int offset, int limit, long[] total) {
        return db.transaction(c -> {
            List<Object> args = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            if (q.visibleAt() != null) {
                where.append(" AND status = ? AND publish_at <= ?");
                args.add(Post.Status.PUBLISHED.name());
                args.add(q.visibleAt());
            }
            add(where, args, "status = ?", q.status() == null ? null : q.status().name());
            add(where, args, "lang = ?", q.lang());
            add(where, args, "category = ?", q.category() == null ? null : q.category().name());
            if (q.audience() != null) {
                where.append(" AND audience IN (?, ?)");
                args.add(q.audience().name());
                args.add(Post.Audience.ALL.name());
            }
            total[0] = Jdbc.list(c, "SELECT COUNT(*) FROM outreach_post" + where, r -> r.getLong(1), args).get(0);
            return Jdbc.list(c, "SELECT " + COLUMNS + " FROM outreach_post" + where
                    + " ORDER BY CASE WHEN publish_at IS NULL THEN 1 ELSE 0 END, publish_at DESC, updated_at DESC, id DESC"
                    + " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", r -> post(r, List.of()), args);
        });
    }

    /** When a post became visible to readers, and whether it is demo data. */
    public record Publication(Instant at, boolean demo) {
    }

    /** Posts that became visible in [from, to) (published or archived since), oldest first. */
    public List<Publication> publications(Instant from, Instant to) {
        return db.transaction(c -> {
            return Jdbc.list(c, "SELECT publish_at, demo FROM outreach_post WHERE status IN (?, ?) "
                    + "AND publish_at >= ? AND publish_at < ? ORDER BY publish_at",
                    r -> new Publication(r.getTimestamp(1).toInstant(), r.getInt(2) > 0), Post.Status.PUBLISHED.name(),
                    Post.Status.ARCHIVED.name(), from, to);
        });
    }

    private static void add(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            args.add(value);
        }
    }

    private static Post post(ResultSet r, List<Post.Event> history) throws SQLException {
        Timestamp publishAt = r.getTimestamp(10);
        return new Post(r.getLong(1), r.getString(2), Post.Format.valueOf(r.getString(3)), r.getString(4),
                r.getString(5), Post.Category.valueOf(r.getString(6)), Post.Audience.valueOf(r.getString(7)),
                r.getString(8), Post.Status.valueOf(r.getString(9)), publishAt == null ? null : publishAt.toInstant(),
                r.getString(11), r.getTimestamp(12).toInstant(), r.getTimestamp(13).toInstant(), r.getInt(14) > 0, history);
    }
}
