package org.gigaplan.platform.internal.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gigaplan.platform.internal.Lru;

/**
 * Remembers, for a short while, the name and password pairs the realm accepted, so a client sending its Basic
 * credentials with every call does not pay for a slow password hash (bcrypt) on every call. A pair is kept as an
 * HMAC of the password under a key made at start and held in memory only, never the password; wrong passwords are
 * never kept, so every guess reaches the realm (and the login throttle). A password changed or a user removed in the
 * realm takes effect within {@code keep}; zero keeps nothing.
 */
public final class VerifiedLogins implements Authenticator {

    static final int MAX_ENTRIES = 10_000;

    private record Verified(Set<String> roles, Instant until) {
    }

    private final Authenticator realm;
    private final Duration keep;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Verified> verified = Lru.map(MAX_ENTRIES);

    public VerifiedLogins(Authenticator realm, Duration keep, Clock clock) {
        this.realm = realm;
        this.keep = keep;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Optional<Set<String>> authenticate(String user, char[] password) {
        if (keep.isZero() || keep.isNegative()) {
            return realm.authenticate(user, password);
        }
        String entry = user + '\n' + hmac(password);
        Instant now = clock.instant();
        synchronized (verified) {
            Verified known = verified.get(entry);
            if (known != null && now.isBefore(known.until())) {
                return Optional.of(known.roles());
            }
            verified.remove(entry);
        }
        Optional<Set<String>> roles = realm.authenticate(user, password);
        roles.ifPresent(r -> {
            synchronized (verified) {
                verified.put(entry, new Verified(Set.copyOf(r), now.plus(keep)));
            }
        });
        return roles;
    }

    private String hmac(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(bytes);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            if (bytes.hasArray()) {
                java.util.Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
