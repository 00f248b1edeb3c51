package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final TestDatabase DERBY = TestDatabase.derby("sessions");
    private static final Caller TEACHER = new Caller("tanaka", Role.TEACHER, "S-E01", "T01");

    private final org.gigaplan.testkit.TestClocks.Settable clock = org.gigaplan.testkit.TestClocks.at("2026-12-01T09:00");
    private PlatformDatabase database;
    private Sessions sessions;

    @BeforeEach
    void empty() {
        database = new PlatformDatabase(DERBY.dataSource());
        DERBY.clear(PlatformTables.ALL);
        sessions = new Sessions(database, Duration.ofMinutes(30), Duration.ofHours(12), clock.clock());
    }

    @Test
    void aSessionIsFoundByItsIdAndKeptOnlyAsADigest() {
        Sessions.Started started = sessions.start(TEACHER, null);
        Sessions.Active found = sessions.find(started.id()).orElseThrow();
        assertEquals(TEACHER, found.caller());
        assertEquals(started.session().csrfToken(), found.csrfToken());
        assertNotEquals(started.id(), found.csrfToken());
        List<String> kept = digests();
        assertEquals(List.of(Secrets.sha256(started.id())), kept, "the id itself is nowhere in the database");
        assertTrue(sessions.find(started.id().substring(1) + "x").isEmpty(), "another id finds nothing");
        assertTrue(sessions.find("not an id'; DROP TABLE gp_session --").isEmpty());
    }

    @Test
    void anIdleSessionEndsButUseKeepsItAliveUntilTheAbsoluteLimit() {
        Sessions.Started started = sessions.start(TEACHER, null);
        for (int i = 0; i < 23; i++) { // used every 29 minutes: 11 h 7 min
            clock.advance(Duration.ofMinutes(29));
            assertTrue(sessions.find(started.id()).isPresent(), "used after " + (i + 1) * 29 + " min");
        }
        clock.advance(Duration.ofMinutes(29)); // 11 h 36 min
        Sessions.Active last = sessions.find(started.id()).orElseThrow();
        assertEquals(last.endsAt(), last.idleUntil(), "less than the idle time is left before the absolute end");
        clock.advance(Duration.ofMinutes(24)); // 12 h
        assertTrue(sessions.find(started.id()).isEmpty(), "twelve hours after the login");

        Sessions.Started other = sessions.start(TEACHER, null);
        clock.advance(Duration.ofMinutes(30));
        assertTrue(sessions.find(other.id()).isEmpty(), "unused for the idle time");
        assertEquals(List.of(), digests(), "expired sessions are deleted");
    }

    @Test
    void logoutEndsTheSessionAndANewLoginEndsTheOneTheBrowserHeld() {
        Sessions.Started first = sessions.start(TEACHER, null);
        Sessions.Started second = sessions.start(TEACHER, first.id());
        assertTrue(sessions.find(first.id()).isEmpty(), "replaced by the new login");
        assertTrue(sessions.end(second.id()));
        assertTrue(sessions.find(second.id()).isEmpty(), "logged out");
        assertFalse(sessions.end(second.id()));
    }

    @Test
    void aSessionBegunOnOneNodeIsKnownOnTheOtherAndALogoutThereEndsIt() {
        Sessions other = new Sessions(new PlatformDatabase(DERBY.dataSource()), Duration.ofMinutes(30),
                Duration.ofHours(12), clock.clock());
        Sessions.Started started = sessions.start(TEACHER, null);
        assertEquals(TEACHER, other.find(started.id()).orElseThrow().caller(), "the other node knows it");
        clock.advance(Duration.ofMinutes(20));
        assertTrue(other.find(started.id()).isPresent(), "used on the other node");
        clock.advance(Duration.ofMinutes(20));
        assertTrue(sessions.find(started.id()).isPresent(), "kept alive by the use on the other node");
        assertTrue(other.end(started.id()));
        assertTrue(sessions.find(started.id()).isEmpty(), "logged out on the other node: ended here too");
    }

    private List<String> digests() {
        return DERBY.transaction(c -> org.gigaplan.plan.service.Jdbc.list(c, "SELECT id_sha256 FROM gp_session",
                r -> r.getString(1)));
    }
}
