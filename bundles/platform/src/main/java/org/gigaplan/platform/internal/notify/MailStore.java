package org.gigaplan.platform.internal.notify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gigaplan.plan.service.Jdbc;

/**
 * Every mail, stored before it is sent ({@code gp_mail}): the outbox the sender works through and the board's delivery
 * log. A sender claims a mail by moving its next attempt past the time a send can take, in one conditional update: of
 * two nodes claiming one mail, one changes the row and the other none.
 */
final class MailStore {

    enum State {
        PENDING, SENT, FAILED
    }

    /** A mail as kept. */
    record Mail(long id, String key, Long noticeId, String kind, String user, String address, String subject,
            String body, State state, int attempts, Instant nextAttemptAt, String claimedBy, String lastError,
            Instant createdAt, Instant sentAt) {
    }

    private static final String COLUMNS = "id, mail_key, notice_id, kind, user_name, address, subject, body, state, "
            + "attempts, next_attempt_at, claimed_by, last_error, created_at, sent_at";

    /** Queues a mail unless one with its key was queued before. @return whether it was queued now */
    boolean queue(Connection c, String key, Long noticeId, String kind, String user, String address, String subject,
            String body, Instant at) throws SQLException {
        if (Jdbc.first(c, "SELECT 1 FROM gp_mail WHERE mail_key = ?", r -> 1, key).isPresent()) {
            return false;
        }
        Jdbc.insert(c, "INSERT INTO gp_mail (mail_key, notice_id, kind, user_name, address, subject, body, state, "
                + "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", key, noticeId,
                kind, user, address, NotifyStore.cut(subject, 400), NotifyStore.cut(body, 16000),
                State.PENDING.name(), at, at);
        return true;
    }

    /** The mails due to be tried, oldest first. */
    List<Long> due(Connection c, Instant now, int limit) throws SQLException {
        return Jdbc.list(c, "SELECT id FROM gp_mail WHERE state = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, "
                + "id FETCH FIRST " + limit + " ROWS ONLY", r -> r.getLong(1), State.PENDING.name(), now);
    }

    /** Claims a due mail for one node until {@code until}. @return whether this node has it */
    boolean claim(Connection c, long id, String node, Instant now, Instant until) throws SQLException {
        return Jdbc.update(c, "UPDATE gp_mail SET claimed_by = ?, next_attempt_at = ? WHERE id = ? AND state = ? "
                + "AND next_attempt_at <= ?", node, until, id, State.PENDING.name(), now) == 1;
    }

    Optional<Mail> mail(Connection c, long id) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM gp_mail WHERE id = ?", MailStore::mail, id);
    }

    Optional<Mail> mail(Connection c, String key) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM gp_mail WHERE mail_key = ?", MailStore::mail, key);
    }

    void sent(Connection c, long id, int attempts, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE gp_mail SET state = ?, attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                State.SENT.name(), attempts, at, id);
    }

    /** A failed attempt: tried again at {@code next}, or failed for good when {@code next} is null. */
    void failed(Connection c, long id, int attempts, String error, Instant next) throws SQLException {
        Jdbc.update(c, "UPDATE gp_mail SET state = ?, attempts = ?, last_error = ?, next_attempt_at = COALESCE(?, "
                + "next_attempt_at) WHERE id = ?", next == null ? State.FAILED.name() : State.PENDING.name(), attempts,
                NotifyStore.cut(error, 500), next, id);
    }

    /** The delivery log, newest first, of one state or all. */
    List<Mail> log(Connection c, State state, int offset, int limit) throws SQLException {
        return state == null
                ? Jdbc.list(c, "SELECT " + COLUMNS + " FROM gp_mail ORDER BY id DESC OFFSET " + offset
                        + " ROWS FETCH NEXT " + limit + " ROWS ONLY", MailStore::mail)
                : Jdbc.list(c, "SELECT " + COLUMNS + " FROM gp_mail WHERE state = ? ORDER BY id DESC OFFSET " + offset
                        + " ROWS FETCH NEXT " + limit + " ROWS ONLY", MailStore::mail, state.name());
    }

    /** How many mails are in each state. */
    Map<State, Long> counts(Connection c) throws SQLException {
        Map<State, Long> out = new TreeMap<>();
        for (State s : State.values()) {
            out.put(s, 0L);
        }
        for (Object[] row : Jdbc.list(c, "SELECT state, COUNT(*) FROM gp_mail GROUP BY state",
                r -> new Object[] { r.getString(1), r.getLong(2) })) {
            out.put(State.valueOf((String) row[0]), (Long) row[1]);
        }
        return out;
    }

    private static Mail mail(ResultSet r) throws SQLException {
        Timestamp sent = r.getTimestamp(15);
        long notice = r.getLong(3);
        Long noticeId = r.wasNull() ? null : notice;
        return new Mail(r.getLong(1), r.getString(2), noticeId, r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), State.valueOf(r.getString(9)), r.getInt(10),
                r.getTimestamp(11).toInstant(), r.getString(12), r.getString(13), r.getTimestamp(14).toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
