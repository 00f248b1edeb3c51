package org.gigaplan.platform.internal.security;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.platform.internal.Json;
import org.gigaplan.platform.internal.rest.Problem;
import org.gigaplan.platform.internal.rest.ApiConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of /api that carry no credentials (no Authorization header, no session cookie) are served a few at a time
 * ({@link ApiConfig#anonymousAtOnce()}) and yield to writes: while a write with credentials (a school's check-in, an
 * agent's record, any call but GET, HEAD and OPTIONS) is being served, an anonymous call waits for it to end, up to
 * {@link #YIELD_NANOS}. The others wait their turn, parked, first come first served. After each anonymous call its
 * turn rests in proportion to how long the call took ({@link ApiConfig#anonymousSharePercent()}: at 50 % as long
 * again), so the turns are busy at most that share of the time. However many anonymous clients call the public reads
 * at once, they use at most that many of the server's threads and that share of their time, and leave the rest of
 * the cores to the writes: a school's check-in or an agent's record is served at once beside them. Health probes
 * ({@code /api/health}) and anonymous writes (a login) never wait. A call that waits longer than
 * {@link ApiConfig#anonymousWaitSeconds()} is answered 503 with {@code Retry-After}. The gate spans the whole call,
 * the answer's writing included: the JAX-RS application's filters see a call only after its body is read, and its
 * answer only before it is written.
 *
 * <p>What the gate judges by is what a call carries, not whether its credentials check out: a wrong key or password is
 * refused with 401 by {@link AuthFilter}, and an unknown session cookie makes the call anonymous there, still counted
 * per address by {@link AnonymousLimit}.
 */
@Component(service = Filter.class, configurationPid = ApiConfig.PID, property = {
    "osgi.http.whiteboard.filter.pattern=/*",
    "osgi.http.whiteboard.filter.name=gigaplan-anonymous-gate",
    "osgi.http.whiteboard.filter.asyncSupported=true",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + AnonymousGate.API_CONTEXT + ")" })
public class AnonymousGate implements Filter {

    /** The servlet context the JAX-RS whiteboard (Aries) makes for the /api application and serves it in. */
    public static final String API_CONTEXT = "context.for" + GigaPlanRest.APPLICATION_NAME;

    private static final Logger LOG = LoggerFactory.getLogger(AnonymousGate.class);

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** Readiness, with liveness below it: what load balancers and orchestrators probe. */
    private static final String HEALTH = "/" + GigaPlanRest.APPLICATION_BASE + "/health";
    /**
     * How long an anonymous call waits for writes to end before it goes anyway: longer than most single writes take
     * (about 10 ms under load), so they go first; short enough that a stream of writes never shuts the public out.
     */
    static final long YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * The longest a turn rests after one call: a call that waited long (a lock, the first computation of the roll-up)
     * did not use the cores all that time, and the public must not wait seconds for it.
     */
    static final long MAX_REST_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int atOnce;
    private final long waitMillis;
    private final int sharePercent;
    /** Per nanosecond an anonymous call took, how long its turn rests after it: (100 − share) / share, per turn. */
    private final double restPerNano;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * The anonymous calls waiting, first come first: only the first watches the turns, the rest and the writes, and
     * it is the one woken when a turn frees, the last write ends or it goes (then the next is first).
     */
    private final Deque<Condition> waiting = new ArrayDeque<>();
    private int anonymousServed;
    private int writesServed;
    /** No anonymous call starts before this (System.nanoTime), while the turns rest after the calls before. */
    private long restUntil = System.nanoTime();

    @Activate
    public AnonymousGate(ApiConfig config) {
        this(config.anonymousAtOnce() > 0 ? config.anonymousAtOnce()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2), config.anonymousWaitSeconds() * 1000L,
                config.anonymousSharePercent());
    }

    AnonymousGate(int atOnce, long waitMillis, int sharePercent) {
        this.atOnce = atOnce;
        this.waitMillis = Math.max(1, waitMillis);
        this.sharePercent = Math.max(1, Math.min(100, sharePercent));
        this.restPerNano = (100.0 - this.sharePercent) / this.sharePercent / atOnce;
    }

    @Override
    public void init(javax.servlet.FilterConfig config) {
        LOG.info("Reads of /api without credentials are served {} at a time, after the writes being served (up to {} "
                + "ms), their turns busy at most {} % of the time", atOnce, TimeUnit.NANOSECONDS.toMillis(YIELD_NANOS),
                sharePercent);
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        boolean read = READS.contains(http.getMethod());
        if (carriesCredentials(http)) {
            if (read) {
                chain.doFilter(request, response);
            } else {
                write(request, response, chain);
            }
            return;
        }
        if (!read || isHealth(http)) {
            // A login (its credentials are in its body, and it is throttled per name and address) and a load
            // balancer's or orchestrator's probe are answered at once: a busy node must not look down.
            chain.doFilter(request, response);
            return;
        }
        if (!takeTurn()) {
            busy((HttpServletResponse) response);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long end = System.nanoTime();
            lock.lock();
            try {
                anonymousServed--;
                long rest = end + Math.min(MAX_REST_NANOS, (long) ((end - start) * restPerNano));
                if (rest - restUntil > 0) {
                    restUntil = rest;
                }
                wakeFirst();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A write with credentials: never waits, and holds anonymous calls back while it is served. */
    private void write(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        lock.lock();
        try {
            writesServed++;
        } finally {
            lock.unlock();
        }
        try {
            chain.doFilter(request, response);
        } finally {
            lock.lock();
            try {
                if (--writesServed == 0) {
                    wakeFirst();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits for an anonymous turn, after the calls that came before: fewer than atOnce anonymous calls served, the
     * turns' rest over, then no write served, or at most {@link #YIELD_NANOS} of waiting for writes (so a stream of
     * writes slows the public reads but never shuts them out); false past the wait.
     */
    private boolean takeTurn() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long yieldUntil = 0;
        lock.lock();
        Condition mine = lock.newCondition();
        waiting.addLast(mine);
        try {
            while (true) {
                long now = System.nanoTime();
                long until = deadline;
                if (waiting.peekFirst() == mine && anonymousServed < atOnce) {
                    if (now - restUntil < 0) {
                        until = earlier(restUntil, deadline);
                    } else if (writesServed == 0) {
                        break;
                    } else {
                        if (yieldUntil == 0) {
                            yieldUntil = now + YIELD_NANOS;
                        }
                        if (now - yieldUntil >= 0) {
                            break;
                        }
                        until = earlier(yieldUntil, deadline);
                    }
                }
                if (now - deadline >= 0) {
                    return false;
                }
                mine.awaitNanos(until - now);
            }
            anonymousServed++;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            boolean first = waiting.peekFirst() == mine;
            waiting.remove(mine);
            if (first) {
                wakeFirst();
            }
            lock.unlock();
        }
    }

    /** How many anonymous calls wait for their turn now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the first anonymous call waiting, if any; the lock is held. */
    private void wakeFirst() {
        Condition first = waiting.peekFirst();
        if (first != null) {
            first.signal();
        }
    }

    private static long earlier(long a, long b) {
        return a - b < 0 ? a : b;
    }

    /** Whether the call asks for /api/health (readiness) or below it (liveness). */
    static boolean isHealth(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && (uri.equals(HEALTH) || uri.startsWith(HEALTH + "/"));
    }

    static boolean carriesCredentials(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (Sessions.COOKIE.equals(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void busy(HttpServletResponse response) throws IOException {
        long seconds = Math.max(1, waitMillis / 1000);
        byte[] body = Json.mapper().writeValueAsBytes(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "too many calls without logging in at once: try again in " + seconds + " s, or log in"
                + " (ログインしていない呼び出しが混み合っています。" + seconds + " 秒後に再試行するか、ログインしてください)"));
        response.setStatus(Response.Status.SERVICE_UNAVAILABLE.getStatusCode());
        SecurityHeaders.apply(response::setHeader);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(GigaPlanRest.PROBLEM_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
