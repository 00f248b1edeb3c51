package org.gigaplan.platform.internal.notify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.Upsert;

/**
 * The notices and who read them ({@code gp_notice}, {@code gp_notice_read}) and the users' contacts and choices
 * ({@code gp_contact}, {@code gp_notify_pref}); every call in the caller's transaction.
 */
final class NotifyStore {

    /** A notice as kept, with whether the user asking has read it. */
    record Kept(long id, String kind, Audience audience, String schoolId, Integer fiscalYear, LocalizedText subject,
            LocalizedText body, String link, Instant createdAt, boolean read) {
    }

    /** A user's address and language, and the audience they belong to (as they were when they gave them). */
    record Contact(String user, Audience audience, String email, String language, Instant digestThrough) {
    }

    private static final String NOTICE_COLUMNS = "n.id, n.kind, n.audience, n.school_id, n.fiscal_year, n.subject_ja, "
            + "n.subject_en, n.body_ja, n.body_en, n.link, n.created_at";

    Optional<Long> noticeId(Connection c, String key) throws SQLException {
        return Jdbc.first(c, "SELECT id FROM gp_notice WHERE notice_key = ?", r -> r.getLong(1), key);
    }

    long insert(Connection c, Notice n, Instant at) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO gp_notice (notice_key, kind, audience, school_id, fiscal_year, subject_ja, "
                + "subject_en, body_ja, body_en, link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", n.key(),
                n.kind(), n.audience().code(), n.schoolId(), n.fiscalYear(), cut(n.subject().ja(), 400),
                cut(n.subject().en(), 400), cut(n.body().ja(), 8000), cut(n.body().en(), 8000), n.link(), at);
    }

    /** The notices of some audiences, newest first, with the user's read marks. */
    List<Kept> inbox(Connection c, Collection<String> audiences, String user, boolean unreadOnly, int offset,
            int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(user);
        params.addAll(audiences);
        return Jdbc.list(c, "SELECT " + NOTICE_COLUMNS + ", r.read_at FROM gp_notice n LEFT JOIN gp_notice_read r "
                + "ON r.notice_id = n.id AND r.user_name = ? WHERE n.audience IN (" + Jdbc.marks(audiences.size()) + ")"
                + (unreadOnly ? " AND r.read_at IS NULL" : "") + " ORDER BY n.id DESC OFFSET " + offset
                + " ROWS FETCH NEXT " + limit + " ROWS ONLY", NotifyStore::kept, params);
    }

    /** How many notices the audiences have, and how many of them the user has not read. */
    long[] counts(Connection c, Collection<String> audiences, String user) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(user);
        params.addAll(audiences);
        return Jdbc.first(c, "SELECT COUNT(*), SUM(CASE WHEN r.read_at IS NULL THEN 1 ELSE 0 END) FROM gp_notice n "
                + "LEFT JOIN gp_notice_read r ON r.notice_id = n.id AND r.user_name = ? WHERE n.audience IN ("
                + Jdbc.marks(audiences.size()) + ")", r -> new long[] { r.getLong(1), r.getLong(2) }, params.toArray())
                .orElse(new long[2]);
    }

    /** The notices of some audiences kept in a span (after, upTo], oldest first: a digest's content. */
    List<Kept> between(Connection c, Collection<String> audiences, Instant after, Instant upTo) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add("");
        params.addAll(audiences);
        params.add(after);
        params.add(upTo);
        return Jdbc.list(c, "SELECT " + NOTICE_COLUMNS + ", r.read_at FROM gp_notice n LEFT JOIN gp_notice_read r "
                + "ON r.notice_id = n.id AND r.user_name = ? WHERE n.audience IN (" + Jdbc.marks(audiences.size())
                + ") AND n.created_at > ? AND n.created_at <= ? ORDER BY n.id", NotifyStore::kept, params);
    }

    Optional<Kept> notice(Connection c, long id) throws SQLException {
        return Jdbc.first(c, "SELECT " + NOTICE_COLUMNS + ", CAST(NULL AS TIMESTAMP) FROM gp_notice n WHERE n.id = ?",
                NotifyStore::kept, id);
    }

    /** Marks one notice read for a user (one read already keeps its first time). @return whether it was unread */
    boolean markRead(Connection c, long id, String user, Instant at) throws SQLException {
        return Jdbc.first(c, "SELECT 1 FROM gp_notice_read WHERE user_name = ? AND notice_id = ?", r -> 1, user, id)
                .isEmpty() && Jdbc.update(c, "INSERT INTO gp_notice_read (notice_id, user_name, read_at) VALUES (?, ?, ?)",
                        id, user, at) == 1;
    }

    /** Marks every unread notice of some audiences read for a user, in one statement. @return how many */
    int markAllRead(Connection c, Collection<String> audiences, String user, Instant at) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(user, at));
        params.addAll(audiences);
        params.add(user);
        return Jdbc.update(c, "INSERT INTO gp_notice_read (notice_id, user_name, read_at) SELECT n.id, ?, ? "
                + "FROM gp_notice n WHERE n.audience IN (" + Jdbc.marks(audiences.size()) + ") AND NOT EXISTS (SELECT 1 FROM "
                + "gp_notice_read r WHERE r.notice_id = n.id AND r.user_name = ?)", params.toArray());
    }

    Optional<Contact> contact(Connection c, String user) throws SQLException {
        return Jdbc.first(c, "SELECT user_name, audience, email, language, digest_through FROM gp_contact "
                + "WHERE user_name = ?", NotifyStore::contact, user);
    }

    /** Everyone of an audience who gave an e-mail address. */
    List<Contact> withAddress(Connection c, Audience audience) throws SQLException {
        return Jdbc.list(c, "SELECT user_name, audience, email, language, digest_through FROM gp_contact "
                + "WHERE audience = ? AND email IS NOT NULL ORDER BY user_name", NotifyStore::contact, audience.code());
    }

    /** Everyone with an address who chose the weekly digest for some kind. */
    List<Contact> digestReaders(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT user_name, audience, email, language, digest_through FROM gp_contact "
                + "WHERE email IS NOT NULL AND user_name IN (SELECT user_name FROM gp_notify_pref WHERE delivery = ?) "
                + "ORDER BY user_name", NotifyStore::contact, Delivery.DIGEST.name());
    }

    void putContact(Connection c, Contact k, Instant at) throws SQLException {
        Upsert.into("gp_contact").key("user_name", k.user()).set("audience", k.audience().code())
                .set("email", k.email()).set("language", k.language()).set("updated_at", at).run(c);
    }

    /**
     * Forgets an audience (a teacher taken off their school's list): its notices, who read them and the mails sent of
     * them; the contacts given as it, their choices and every mail to them. How many notices there were.
     */
    static int forget(Connection c, Audience audience) throws SQLException {
        String code = audience.code();
        String notices = "SELECT id FROM gp_notice WHERE audience = ?";
        String users = "SELECT user_name FROM gp_contact WHERE audience = ?";
        Jdbc.update(c, "DELETE FROM gp_notice_read WHERE notice_id IN (" + notices + ")", code);
        Jdbc.update(c, "DELETE FROM gp_mail WHERE notice_id IN (" + notices + ") OR user_name IN (" + users + ")", code,
                code);
        Jdbc.update(c, "DELETE FROM gp_notify_pref WHERE user_name IN (" + users + ")", code);
        Jdbc.update(c, "DELETE FROM gp_contact WHERE audience = ?", code);
        return Jdbc.update(c, "DELETE FROM gp_notice WHERE audience = ?", code);
    }

    void digestSent(Connection c, String user, Instant through) throws SQLException {
        Jdbc.update(c, "UPDATE gp_contact SET digest_through = ? WHERE user_name = ?", through, user);
    }

    /** A user's choices per kind; kinds not named are {@link Delivery#IMMEDIATE}. */
    Map<String, Delivery> choices(Connection c, String user) throws SQLException {
        Map<String, Delivery> out = new HashMap<>();
        for (String[] row : Jdbc.list(c, "SELECT kind, delivery FROM gp_notify_pref WHERE user_name = ?",
                r -> new String[] { r.getString(1), r.getString(2) }, user)) {
            out.put(row[0], Delivery.valueOf(row[1]));
        }
        return out;
    }

    void putChoices(Connection c, String user, Map<String, Delivery> choices) throws SQLException {
        Jdbc.update(c, "DELETE FROM gp_notify_pref WHERE user_name = ?", user);
        for (Map.Entry<String, Delivery> e : choices.entrySet()) {
            if (e.getValue() != Delivery.IMMEDIATE) {
                Jdbc.update(c, "INSERT INTO gp_notify_pref (user_name, kind, delivery) VALUES (?, ?, ?)", user,
                        e.getKey(), e.getValue().name());
            }
        }
    }

    /** The kinds of notice sent to an audience so far. */
    List<String> kinds(Connection c, Audience audience) throws SQLException {
        return Jdbc.list(c, "SELECT DISTINCT kind FROM gp_notice WHERE audience = ? ORDER BY kind", r -> r.getString(1),
                audience.code());
    }

    private static Kept kept(ResultSet r) throws SQLException {
        Timestamp read = r.getTimestamp(12);
        return new Kept(r.getLong(1), r.getString(2), Audience.parse(r.getString(3)), r.getString(4),
                Jdbc.nullableInt(r, 5), LocalizedText.of(r.getString(6), r.getString(7)),
                LocalizedText.of(r.getString(8), r.getString(9)), r.getString(10), r.getTimestamp(11).toInstant(),
                read != null);
    }

    private static Contact contact(ResultSet r) throws SQLException {
        Timestamp digest = r.getTimestamp(5);
        return new Contact(r.getString(1), Audience.parse(r.getString(2)), r.getString(3), r.getString(4),
                digest == null ? null : digest.toInstant());
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
