package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gigaplan.environment.internal.Webhook;
import org.gigaplan.plan.service.Jdbc;

/** The schools' webhook URLs, by the SHA-256 of their secrets. */
public final class WebhookStore {

    private static final String COLUMNS = "id, school_id, label, created_at, created_by, last_used_at, revoked_at, "
            + "revoked_by";

    public long insert(Connection c, String schoolId, String secretSha256, String label, Instant at, String by)
            throws SQLException {
        return Jdbc.insert(c, "INSERT INTO env_webhook (school_id, secret_sha256, label, created_at, created_by) "
                + "VALUES (?, ?, ?, ?, ?)", schoolId, secretSha256, label, at, by);
    }

    /** A school's hooks (every school's when null), newest first. */
    public List<Webhook> list(Connection c, String schoolId) throws SQLException {
        return schoolId == null
                ? Jdbc.list(c, "SELECT " + COLUMNS + " FROM env_webhook ORDER BY id DESC", WebhookStore::read)
                : Jdbc.list(c, "SELECT " + COLUMNS + " FROM env_webhook WHERE school_id = ? ORDER BY id DESC",
                        WebhookStore::read, schoolId);
    }

    public Optional<Webhook> find(Connection c, long id) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM env_webhook WHERE id = ?", WebhookStore::read, id);
    }

    /** The working hook of a secret, or empty when none has it or it was revoked. */
    public Optional<Webhook> working(Connection c, String secretSha256) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM env_webhook WHERE secret_sha256 = ? AND revoked_at IS NULL",
                WebhookStore::read, secretSha256);
    }

    public void used(Connection c, long id, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE env_webhook SET last_used_at = ? WHERE id = ?", at, id);
    }

    /** Revokes a hook that still works; answers whether it did. */
    public boolean revoke(Connection c, long id, Instant at, String by) throws SQLException {
        return Jdbc.update(c, "UPDATE env_webhook SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                at, by, id) == 1;
    }

    private static Webhook read(ResultSet r) throws SQLException {
        return new Webhook(r.getLong(1), r.getString(2), r.getString(3), instant(r.getTimestamp(4)), r.getString(5),
                instant(r.getTimestamp(6)), instant(r.getTimestamp(7)), r.getString(8));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
