package org.gigaplan.platform.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.platform.internal.rest.ApiConfig;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.SessionStore;
import org.gigaplan.platform.internal.store.SessionStore.StoredSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The dashboard's login sessions. A session id is 256 random bits, held by the browser only in an {@code HttpOnly}
 * cookie (page scripts cannot read it) and kept in the database as its SHA-256, so every node of a cluster knows
 * every session and a copy of the table lets nobody in. Each session has a token that its writes must carry (the
 * page reads it from {@code GET /api/session}, a cross-site page cannot), an idle timeout and an absolute one.
 * Logging out deletes it: its cookie is worth nothing afterwards, wherever it was copied to.
 */
@Component(service = Sessions.class, configurationPid = ApiConfig.PID)
public class Sessions {

    /** Where /api logs in and out ({@code /api/session}): a login is the one write that needs no session token. */
    public static final String PATH = "session";
    /** The cookie holding the session id. */
    public static final String COOKIE = "gigaplan_session";
    /** The header a session's writes carry its token in. */
    public static final String TOKEN_HEADER = "X-CSRF-Token";
    /** A session's last use is written at most this often (the idle timeout is counted in minutes). */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A session in use: who, the token its writes carry, and until when it lasts if used again now. */
    public record Active(Caller caller, String csrfToken, Instant startedAt, Instant idleUntil, Instant endsAt) {
    }

    /** A session just begun, with the only copy of its id (for the cookie). */
    public record Started(String id, Active session) {
    }

    private final PlatformDatabase database;
    private final SessionStore store = new SessionStore();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    @Activate
    public Sessions(@Reference PlatformDatabase database, ApiConfig config) {
        this(database, Duration.ofMinutes(config.sessionIdleMinutes()), Duration.ofHours(config.sessionHours()),
                Clock.systemUTC());
    }

    public Sessions(PlatformDatabase database, Duration idle, Duration absolute, Clock clock) {
        this.database = database;
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** How long a session lasts unused. */
    public Duration idleTimeout() {
        return idle;
    }

    /**
     * Begins a session for a caller who just logged in, ending the one the browser held before (if any), and
     * deleting the sessions that have expired meanwhile.
     */
    public Started start(Caller caller, String previousId) {
        Instant now = clock.instant();
        String id = Secrets.random256();
        StoredSession session = new StoredSession(Secrets.sha256(id), caller, Secrets.random256(), now, now);
        database.transaction(c -> {
            if (previousId != null && ID.matcher(previousId).matches()) {
                store.delete(c, Secrets.sha256(previousId));
            }
            store.deleteExpired(c, now.minus(idle), now.minus(absolute));
            store.insert(c, session);
            return null;
        });
        return new Started(id, active(session, now));
    }

    /** The session a cookie names, if it is still valid; using it keeps it from going idle. */
    public Optional<Active> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        String key = Secrets.sha256(id);
        Instant now = clock.instant();
        return database.transaction(c -> {
            Optional<StoredSession> found = store.find(c, key);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            StoredSession session = found.get();
            if (!now.isBefore(session.seenAt().plus(idle)) || !now.isBefore(session.startedAt().plus(absolute))) {
                store.delete(c, key);
                return Optional.empty();
            }
            if (!now.isBefore(session.seenAt().plus(TOUCH_EVERY))) {
                store.touch(c, key, now);
            }
            return Optional.of(active(session, now));
        });
    }

    /** Ends a session (logout); false when the id names none. */
    public boolean end(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return false;
        }
        String key = Secrets.sha256(id);
        return database.transaction(c -> store.delete(c, key));
    }

    private Active active(StoredSession session, Instant now) {
        Instant endsAt = session.startedAt().plus(absolute);
        Instant idleUntil = now.plus(idle);
        return new Active(session.caller(), session.csrfToken(), session.startedAt(),
                idleUntil.isBefore(endsAt) ? idleUntil : endsAt, endsAt);
    }

}
