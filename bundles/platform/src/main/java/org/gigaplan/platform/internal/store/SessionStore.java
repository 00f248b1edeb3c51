package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.Jdbc;

/**
 * Dashboard sessions ({@code gp_session}), found by the SHA-256 of their id: a copy of the table lets nobody in.
 * Every method runs in the caller's transaction.
 */
public final class SessionStore {

    /** A session as kept. */
    public record StoredSession(String idSha256, Caller caller, String csrfToken, Instant startedAt, Instant seenAt) {
    }

    public void insert(Connection c, StoredSession session) throws SQLException {
        Caller caller = session.caller();
        Jdbc.update(c, "INSERT INTO gp_session (id_sha256, user_name, role, school_id, teacher_id, csrf_token, "
                + "started_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", session.idSha256(), caller.name(),
                caller.role().name(), caller.schoolId(), caller.teacherId(), session.csrfToken(), session.startedAt(),
                session.seenAt());
    }

    public Optional<StoredSession> find(Connection c, String idSha256) throws SQLException {
        return Jdbc.first(c, "SELECT id_sha256, user_name, role, school_id, teacher_id, csrf_token, started_at, seen_at "
                + "FROM gp_session WHERE id_sha256 = ?", SessionStore::row, idSha256);
    }

    /** Marks a session used at {@code at}. */
    public void touch(Connection c, String idSha256, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE gp_session SET seen_at = ? WHERE id_sha256 = ?", at, idSha256);
    }

    public boolean delete(Connection c, String idSha256) throws SQLException {
        return Jdbc.update(c, "DELETE FROM gp_session WHERE id_sha256 = ?", idSha256) == 1;
    }

    /** Deletes the sessions idle since before {@code seenBefore} or begun before {@code startedBefore}. */
    public int deleteExpired(Connection c, Instant seenBefore, Instant startedBefore) throws SQLException {
        return Jdbc.update(c, "DELETE FROM gp_session WHERE seen_at < ? OR started_at < ?", seenBefore, startedBefore);
    }

    private static StoredSession row(ResultSet r) throws SQLException {
        Caller caller = new Caller(r.getString(2), Role.valueOf(r.getString(3)), r.getString(4), r.getString(5));
        return new StoredSession(r.getString(1), caller, r.getString(6), r.getTimestamp(7).toInstant(),
                r.getTimestamp(8).toInstant());
    }
}
