package org.gigaplan.platform.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.gigaplan.platform.internal.Lru;

/**
 * Slows password guessing without letting anyone lock an owner out. Wrong passwords are counted per user name and
 * source address: after {@code allowed} of them within {@code window}, that name is refused from that address, without
 * checking the password, for {@code window} after the last wrong one; each further lock of the same name and address
 * lasts twice as long as the one before (up to {@value #MAX_LOCK_DOUBLINGS} doublings). The same name from another
 * address is not affected, so a guesser locks only themselves. A right password from the address clears its count.
 * The counts are kept in {@link Failures}: the database's, shared by every node (a guesser spreading tries over the
 * nodes behind a load balancer gets no more of them), or in memory for one node. The logins being checked at this
 * moment are counted per node, under a lock held for no database work: every login passes here, and one waiting
 * for the database behind this lock held up every other (the board's calls queued for seconds under load).
 */
public final class LoginThrottle {

    static final int MAX_NAMES = 10_000;
    /** Locks grow to at most {@code window} × 2^this (5 min → about 21 h). */
    static final int MAX_LOCK_DOUBLINGS = 8;

    /** A name and address's recent wrong passwords, until when it is refused, and how many times it was locked. */
    public record Recorded(List<Instant> failures, Instant lockedUntil, int locks) {

        static final Recorded NONE = new Recorded(List.of(), Instant.MIN, 0);

        public Recorded {
            failures = List.copyOf(failures);
            lockedUntil = lockedUntil == null ? Instant.MIN : lockedUntil;
        }
    }

    /** Where the counts are kept, by a key naming the user name and address. */
    public interface Failures {

        Optional<Recorded> read(String key);

        /** Changes a key's record ({@link Recorded#NONE} when it has none) with it locked against other changes. */
        void change(String key, UnaryOperator<Recorded> change);

        void remove(String key);
    }

    private final int allowed;
    private final Duration window;
    private final Clock clock;
    private final Duration queueFor;
    private final Failures failures;
    /** The logins of a name and address being checked on this node now. */
    private final Map<String, Integer> checking = Lru.map(MAX_NAMES);
    /** How many tries of a name and address ended on this node: a read of its counts is stale when this moved. */
    private final Map<String, Long> ends = Lru.map(MAX_NAMES);

    /**
     * @param queueFor how long a login waits for a try while the name's other logins are being checked, before it
     *        is refused for a second: a client sending many requests at once with the right password waits a moment,
     *        it is not refused
     * @param failures where wrong passwords are counted
     */
    public LoginThrottle(int allowed, Duration window, Clock clock, Duration queueFor, Failures failures) {
        if (allowed < 1) {
            throw new IllegalArgumentException("allowed must be at least 1, was " + allowed);
        }
        this.allowed = allowed;
        this.window = window;
        this.clock = clock;
        this.queueFor = queueFor;
        this.failures = failures;
    }

    /** Counting in this node's memory (a restart forgets), for at most {@value #MAX_NAMES} names and addresses. */
    public LoginThrottle(int allowed, Duration window, Clock clock, Duration queueFor) {
        this(allowed, window, clock, queueFor, inMemory());
    }

    /** Counts kept in memory, the least recently used dropped beyond {@value #MAX_NAMES}. */
    static Failures inMemory() {
        Map<String, Recorded> records = java.util.Collections.synchronizedMap(Lru.map(MAX_NAMES));
        return new Failures() {
            @Override
            public Optional<Recorded> read(String key) {
                return Optional.ofNullable(records.get(key));
            }

            @Override
            public void change(String key, UnaryOperator<Recorded> change) {
                records.compute(key, (k, r) -> change.apply(r == null ? Recorded.NONE : r));
            }

            @Override
            public void remove(String key) {
                records.remove(key);
            }
        };
    }

    /** How long the name stays refused, or empty when it may try. */
    public Optional<Duration> lockedFor(String user, String address) {
        return failures.read(key(user, address)).flatMap(this::lockLeft);
    }

    private Optional<Duration> lockLeft(Recorded recorded) {
        Duration left = Duration.between(clock.instant(), recorded.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /**
     * Takes one try for the name before its password is checked: refused (how long) while it is locked. While as many
     * logins are being checked as it has tries left, it waits for one of them to end (up to {@code queueFor}, then
     * refused for a second), so parallel guesses get no more tries than serial ones while parallel requests with the
     * right password only queue. Every try taken ends with {@link #failed}, {@link #succeeded} or {@link #cancel}.
     * The counts are read outside this node's lock, so a slow read delays no other login; when a try of the same name
     * and address ended during the read, the counts are read again (that try may have added a failure).
     */
    public Optional<Duration> tryLogin(String user, String address) {
        long deadline = System.nanoTime() + queueFor.toNanos();
        String key = key(user, address);
        while (true) {
            long seen;
            synchronized (this) {
                seen = ends.getOrDefault(key, 0L);
            }
            Recorded recorded = failures.read(key).orElse(Recorded.NONE);
            synchronized (this) {
                if (ends.getOrDefault(key, 0L) != seen) {
                    continue;
                }
                Optional<Duration> locked = lockLeft(recorded);
                if (locked.isPresent()) {
                    return locked;
                }
                int now = checking.getOrDefault(key, 0);
                if (recent(recorded).size() + now < allowed) {
                    checking.put(key, now + 1);
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
    }

    /** Counts a wrong password (ending a try, once counted); true when this one locks the name for the address. */
    public boolean failed(String user, String address) {
        String key = key(user, address);
        Instant now = clock.instant();
        boolean[] locks = { false };
        try {
            failures.change(key, recorded -> {
                List<Instant> recent = new ArrayList<>(recent(recorded));
                recent.add(now);
                if (recent.size() < allowed) {
                    return new Recorded(recent, recorded.lockedUntil(), recorded.locks());
                }
                locks[0] = true;
                return new Recorded(List.of(), now.plus(window.multipliedBy(1L << Math.min(recorded.locks(),
                        MAX_LOCK_DOUBLINGS))), recorded.locks() + 1);
            });
        } finally {
            ended(key);
        }
        return locks[0];
    }

    /** Ends a try that checked nothing (the realm failed). */
    public void cancel(String user, String address) {
        ended(key(user, address));
    }

    /**
     * A right password (ending a try): the count starts again. Nothing is written when no wrong password is counted
     * (the usual case: a client sending its credentials with every call).
     */
    public void succeeded(String user, String address) {
        String key = key(user, address);
        try {
            if (failures.read(key).isPresent()) {
                failures.remove(key);
            }
        } finally {
            ended(key);
        }
    }

    private synchronized void ended(String key) {
        Integer now = checking.get(key);
        if (now != null && now > 1) {
            checking.put(key, now - 1);
        } else {
            checking.remove(key);
        }
        ends.merge(key, 1L, Long::sum);
        notifyAll();
    }

    /** The wrong passwords within the window. */
    private List<Instant> recent(Recorded recorded) {
        Instant since = clock.instant().minus(window);
        return recorded.failures().stream().filter(t -> !t.isBefore(since)).toList();
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
