package org.gigaplan.platform.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.gigaplan.platform.internal.Lru;

/**
 * Slows password guessing without letting anyone lock an owner out. Wrong passwords are counted per user name and
 * source address: after {@code allowed} of them within {@code window}, that name is refused from that address, without
 * checking the password, for {@code window} after the last wrong one; each further lock of the same name and address
 * lasts twice as long as the one before (up to {@value #MAX_LOCK_DOUBLINGS} doublings). The same name from another
 * address is not affected, so a guesser locks only themselves. A right password from the address clears its count.
 * Kept in memory (a restart forgets it) for at most {@value #MAX_NAMES} name and address pairs, the least recently
 * used dropped.
 */
public final class LoginThrottle {

    static final int MAX_NAMES = 10_000;
    /** Locks grow to at most {@code window} × 2^this (5 min → about 21 h). */
    static final int MAX_LOCK_DOUBLINGS = 8;

    private final int allowed;
    private final Duration window;
    private final Clock clock;
    private final Duration queueFor;
    private final Map<String, Entry> names = Lru.map(MAX_NAMES);

    /**
     * A name and address's recent wrong passwords, the logins being checked now, until when it is refused, and how
     * many times it has been locked.
     */
    private static final class Entry {
        final Deque<Instant> failures = new ArrayDeque<>();
        int checking;
        Instant lockedUntil = Instant.MIN;
        int locks;
    }

    /**
     * @param queueFor how long a login waits for a try while the name's other logins are being checked, before it
     *        is refused for a second: a client sending many requests at once with the right password waits a moment,
     *        it is not refused
     */
    public LoginThrottle(int allowed, Duration window, Clock clock, Duration queueFor) {
        if (allowed < 1) {
            throw new IllegalArgumentException("allowed must be at least 1, was " + allowed);
        }
        this.allowed = allowed;
        this.window = window;
        this.clock = clock;
        this.queueFor = queueFor;
    }

    /** How long the name stays refused, or empty when it may try. */
    public synchronized Optional<Duration> lockedFor(String user, String address) {
        Entry entry = names.get(key(user, address));
        if (entry == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), entry.lockedUntil);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /**
     * Takes one try for the name before its password is checked: refused (how long) while it is locked. While as many
     * logins are being checked as it has tries left, it waits for one of them to end (up to {@code queueFor}, then
     * refused for a second), so parallel guesses get no more tries than serial ones while parallel requests with the
     * right password only queue. Every try taken ends with {@link #failed}, {@link #succeeded} or {@link #cancel}.
     */
    public synchronized Optional<Duration> tryLogin(String user, String address) {
        long deadline = System.nanoTime() + queueFor.toNanos();
        while (true) {
            Optional<Duration> locked = lockedFor(user, address);
            if (locked.isPresent()) {
                return locked;
            }
            Entry entry = names.computeIfAbsent(key(user, address), k -> new Entry());
            prune(entry);
            if (entry.failures.size() + entry.checking < allowed) {
                entry.checking++;
                return Optional.empty();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.of(Duration.ofSeconds(1));
            }
            try {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(Duration.ofSeconds(1));
            }
        }
    }

    /** Counts a wrong password (ending a try); true when this one locks the name for the address. */
    public synchronized boolean failed(String user, String address) {
        Entry entry = names.computeIfAbsent(key(user, address), k -> new Entry());
        entry.checking = Math.max(0, entry.checking - 1);
        notifyAll();
        Instant now = clock.instant();
        prune(entry);
        entry.failures.addLast(now);
        if (entry.failures.size() < allowed) {
            return false;
        }
        entry.failures.clear();
        entry.lockedUntil = now.plus(window.multipliedBy(1L << Math.min(entry.locks, MAX_LOCK_DOUBLINGS)));
        entry.locks++;
        return true;
    }

    /** Ends a try that checked nothing (the realm failed). */
    public synchronized void cancel(String user, String address) {
        Entry entry = names.get(key(user, address));
        if (entry != null) {
            entry.checking = Math.max(0, entry.checking - 1);
        }
        notifyAll();
    }

    /** A right password (ending a try): the count starts again. */
    public synchronized void succeeded(String user, String address) {
        names.remove(key(user, address));
        notifyAll();
    }

    private void prune(Entry entry) {
        Instant since = clock.instant().minus(window);
        while (!entry.failures.isEmpty() && entry.failures.peekFirst().isBefore(since)) {
            entry.failures.removeFirst();
        }
    }

    /**
     * Names compared without case and surrounding spaces, and at most 200 characters of them kept; the address as
     * the servlet container gives it (null when unknown).
     */
    private static String key(String user, String address) {
        String k = user.strip().toLowerCase(Locale.ROOT);
        return (k.length() > 200 ? k.substring(0, 200) : k) + "\n" + address;
    }
}
