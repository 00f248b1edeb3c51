package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {

    /** A realm that knows tanaka:right and counts the passwords it checked. */
    private static final class Realm implements Authenticator {
        final AtomicInteger checked = new AtomicInteger();

        @Override
        public Optional<Set<String>> authenticate(String user, char[] password) {
            checked.incrementAndGet();
            return user.equals("tanaka") && new String(password).equals("right") ? Optional.of(Set.of("board"))
                    : Optional.empty();
        }
    }

    @Test
    void aRightPasswordIsCheckedOnceWhileKeptAndAgainAfter() {
        Realm realm = new Realm();
        org.gigaplan.testkit.TestClocks.Settable time = org.gigaplan.testkit.TestClocks.at("2026-11-30T10:00");
        Clock clock = time.clock();
        VerifiedLogins logins = new VerifiedLogins(realm, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(Set.of("board")), logins.authenticate("tanaka", "right".toCharArray()));
        }
        assertEquals(1, realm.checked.get(), "the realm checked the right password once");
        time.advance(Duration.ofSeconds(60));
        logins.authenticate("tanaka", "right".toCharArray());
        assertEquals(2, realm.checked.get(), "and again once the minute was over");
    }

    @Test
    void wrongPasswordsAndOtherPasswordsAlwaysReachTheRealm() {
        Realm realm = new Realm();
        VerifiedLogins logins = new VerifiedLogins(realm, Duration.ofSeconds(60), Clock.systemUTC());
        logins.authenticate("tanaka", "right".toCharArray());
        for (int i = 0; i < 3; i++) {
            assertTrue(logins.authenticate("tanaka", "wrong".toCharArray()).isEmpty());
            assertTrue(logins.authenticate("sato", "right".toCharArray()).isEmpty(), "another user, same password");
        }
        assertEquals(7, realm.checked.get());
        VerifiedLogins none = new VerifiedLogins(realm, Duration.ZERO, Clock.systemUTC());
        none.authenticate("tanaka", "right".toCharArray());
        none.authenticate("tanaka", "right".toCharArray());
        assertEquals(9, realm.checked.get(), "zero keeps nothing");
    }
}
