package org.gigaplan.platform.internal.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.gigaplan.plan.service.Database;

/**
 * The login throttle's counts in the database ({@code gp_login_failure}), shared by every node: a row per user name
 * and address, keyed by a SHA-256 of both (neither is kept in clear), changed with the row locked. Rows untouched for
 * {@link #KEPT} are removed as others change, at most once an hour.
 */
final class LoginFailureStore implements LoginThrottle.Failures {

    /** How long a record nobody touched is kept: beyond the longest lock (5 min × 2^8 ≈ 21 h). */
    static final Duration KEPT = Duration.ofDays(7);

    /** How often this node looks for rows to remove. */
    static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final Database database;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastSweep =
            new java.util.concurrent.atomic.AtomicReference<>();

    LoginFailureStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Optional<LoginThrottle.Recorded> read(String key) {
        return database.transaction(c -> read(c, Secrets.sha256(key)));
    }

    @Override
    public void change(String key, UnaryOperator<LoginThrottle.Recorded> change) {
        String sha = Secrets.sha256(key);
        database.transactionRetrying(c -> {
            // Locks the row (when there is one) until this commits: another node's change waits and reads this one.
            try (PreparedStatement lock = c.prepareStatement(
                    "UPDATE gp_login_failure SET locks = locks WHERE key_sha256 = ?")) {
                lock.setString(1, sha);
                lock.executeUpdate();
            }
            Optional<LoginThrottle.Recorded> before = read(c, sha);
            LoginThrottle.Recorded after = change.apply(before.orElse(LoginThrottle.Recorded.NONE));
            Timestamp now = Timestamp.from(clock.instant());
            try (PreparedStatement ps = c.prepareStatement(before.isPresent()
                    ? "UPDATE gp_login_failure SET failures = ?, locked_until = ?, locks = ?, changed_at = ? "
                            + "WHERE key_sha256 = ?"
                    : "INSERT INTO gp_login_failure (failures, locked_until, locks, changed_at, key_sha256) "
                            + "VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, after.failures().stream().map(t -> Long.toString(t.toEpochMilli()))
                        .collect(Collectors.joining(",")));
                ps.setTimestamp(2, after.lockedUntil().equals(Instant.MIN) ? null : Timestamp.from(after.lockedUntil()));
                ps.setInt(3, after.locks());
                ps.setTimestamp(4, now);
                ps.setString(5, sha);
                ps.executeUpdate();
            }
            return null;
        });
        sweep();
    }

    /** Removes the rows nobody touched for {@link #KEPT}: at most once an hour on each node, not at every failure. */
    private void sweep() {
        Instant now = clock.instant();
        Instant last = lastSweep.get();
        if (last != null && last.isAfter(now.minus(SWEEP_EVERY)) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        database.transaction(c -> {
            try (PreparedStatement old = c.prepareStatement("DELETE FROM gp_login_failure WHERE changed_at < ?")) {
                old.setTimestamp(1, Timestamp.from(now.minus(KEPT)));
                return old.executeUpdate();
            }
        });
    }

    @Override
    public void remove(String key) {
        database.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM gp_login_failure WHERE key_sha256 = ?")) {
                ps.setString(1, Secrets.sha256(key));
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<LoginThrottle.Recorded> read(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT failures, locked_until, locks FROM gp_login_failure WHERE key_sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String failures = rs.getString(1);
                List<Instant> times = failures.isEmpty() ? List.of() : Arrays.stream(failures.split(","))
                        .map(t -> Instant.ofEpochMilli(Long.parseLong(t))).toList();
                Timestamp until = rs.getTimestamp(2);
                return Optional.of(new LoginThrottle.Recorded(times, until == null ? null : until.toInstant(),
                        rs.getInt(3)));
            }
        }
    }
}
