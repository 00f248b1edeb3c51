package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** API keys: digests of their secrets, never the secrets. */
public final class ApiKeyStore {

    /** A stored key. {@code revokedAt} is null while the key works. */
    public record StoredKey(String keyId, String secretSha256, String schoolId, String label, Instant createdAt,
            String createdBy, Instant revokedAt, String revokedBy) {
    }

    private static final String COLUMNS = "key_id, secret_sha256, school_id, label, created_at, created_by, "
            + "revoked_at, revoked_by";

    private final Sql sql;

    public ApiKeyStore(Sql sql) {
        this.sql = sql;
    }

    public void insert(StoredKey key) {
        sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gp_api_key (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)")) {
                ps.setString(1, key.keyId());
                ps.setString(2, key.secretSha256());
                ps.setString(3, key.schoolId());
                ps.setString(4, key.label());
                ps.setTimestamp(5, Timestamp.from(key.createdAt()));
                ps.setString(6, key.createdBy());
                ps.executeUpdate();
                return null;
            }
        });
    }

    public Optional<StoredKey> find(String keyId) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_api_key WHERE key_id = ?")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(key(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Keys of one school, or all when {@code schoolId} is null, newest first. */
    public List<StoredKey> list(String schoolId) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gp_api_key"
                    + (schoolId == null ? "" : " WHERE school_id = ?") + " ORDER BY created_at DESC, key_id")) {
                if (schoolId != null) {
                    ps.setString(1, schoolId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredKey> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(key(rs));
                    }
                    return out;
                }
            }
        });
    }

    /** Marks a working key revoked; false when there is no such key or it was revoked already. */
    public boolean revoke(String keyId, Instant at, String by) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE gp_api_key SET revoked_at = ?, revoked_by = ? WHERE key_id = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, by);
                ps.setString(3, keyId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Makes a key revoked by {@code by} work again (the demo key, on a return to demo mode); false if none was. */
    public boolean restore(String keyId, String by) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE gp_api_key SET revoked_at = NULL, revoked_by = NULL "
                    + "WHERE key_id = ? AND revoked_by = ?")) {
                ps.setString(1, keyId);
                ps.setString(2, by);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static StoredKey key(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new StoredKey(rs.getString("key_id"), rs.getString("secret_sha256"), rs.getString("school_id"),
                rs.getString("label"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant(), rs.getString("revoked_by"));
    }
}
