package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/**
 * The gate's order: an anonymous call yields to a write being served, but only for a while, so writes never shut the
 * public out; a call with credentials, a health probe and a login never wait; an anonymous read finding every turn
 * taken past its wait is 503.
 */
class AnonymousGateTest {

    @Test
    void anAnonymousCallYieldsToAWriteForAWhileAndThenGoesWhileTheWriteIsStillServed() throws Exception {
        AnonymousGate gate = new AnonymousGate(1, 5_000, 100);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch endWrite = new CountDownLatch(1);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> call(gate, "POST", "Bearer gpk_a_b", () -> {
            writing.countDown();
            await(endWrite);
        }));
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        long before = System.nanoTime();
        AtomicBoolean served = new AtomicBoolean();
        int status = call(gate, "GET", null, () -> served.set(true));
        long waited = System.nanoTime() - before;
        assertTrue(served.get(), "served, status " + status);
        assertFalse(write.isDone(), "while the write was still being served");
        assertTrue(waited >= AnonymousGate.YIELD_NANOS, "after yielding to it: waited " + waited / 1_000_000 + " ms");
        endWrite.countDown();
        write.get(10, TimeUnit.SECONDS);
    }

    @Test
    void callsWithCredentialsProbesAndLoginsNeverWaitAndAnAnonymousReadPastItsWaitIsAnswered503() throws Exception {
        AnonymousGate gate = new AnonymousGate(1, 50, 100);
        Held held = Held.aTurnOf(gate);
        AtomicBoolean read = new AtomicBoolean();
        call(gate, "GET", "Basic Ym9hcmQ6c2VjcmV0", () -> read.set(true));
        assertTrue(read.get(), "a logged-in read goes beside the anonymous one");
        AtomicBoolean anonymous = new AtomicBoolean();
        assertEquals(503, call(gate, "GET", null, () -> anonymous.set(true)));
        assertFalse(anonymous.get());
        AtomicBoolean probed = new AtomicBoolean();
        call(gate, "GET", null, "/api/health", () -> probed.set(true));
        assertTrue(probed.get(), "a health probe goes at once: a busy node must not look down");
        AtomicBoolean login = new AtomicBoolean();
        call(gate, "POST", null, "/api/session", () -> login.set(true));
        assertTrue(login.get(), "a login goes at once");
        held.release();
        assertEquals(200, call(gate, "GET", null, () -> anonymous.set(true)));
        assertTrue(anonymous.get(), "served once the turn is free");
    }

    @Test
    void afterAnAnonymousCallItsTurnRestsInProportionToItsShareAtMostASecondAndOnlyAnonymousCallsWait()
            throws Exception {
        AnonymousGate gate = new AnonymousGate(1, 10_000, 50);
        long[] ended = new long[1];
        call(gate, "GET", null, () -> {
            sleep(200);
            ended[0] = System.nanoTime();
        });
        long[] started = new long[1];
        call(gate, "GET", null, () -> started[0] = System.nanoTime());
        long rested = started[0] - ended[0];
        assertTrue(rested >= TimeUnit.MILLISECONDS.toNanos(200),
                "rested " + rested / 1_000_000 + " ms after a 200 ms call");
        // At a share of 1 % a call of 100 ms would rest its turn 9.9 s: it rests the longest rest, 1 s, and a logged-in
        // call goes meanwhile.
        AnonymousGate scarce = new AnonymousGate(1, 60_000, 1);
        long[] at = new long[3];
        call(scarce, "GET", null, () -> {
            sleep(100);
            at[0] = System.nanoTime();
        });
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(
                () -> call(scarce, "GET", null, () -> at[2] = System.nanoTime()));
        call(scarce, "GET", "Basic Ym9hcmQ6c2VjcmV0", () -> at[1] = System.nanoTime());
        assertEquals(200, next.get(10, TimeUnit.SECONDS));
        assertTrue(at[1] < at[2], "the logged-in call went while the anonymous one waited for the rest");
        assertTrue(at[2] - at[0] >= AnonymousGate.MAX_REST_NANOS, "rested " + (at[2] - at[0]) / 1_000_000 + " ms");
    }

    @Test
    void anonymousCallsWaitingAreServedInTheOrderTheyCame() throws Exception {
        AnonymousGate gate = new AnonymousGate(1, 30_000, 100);
        Held held = Held.aTurnOf(gate);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            for (int i = 0; i < 5; i++) {
                int n = i;
                calls.add(CompletableFuture.runAsync(() -> call(gate, "GET", null, () -> order.add(n)), callers));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gate.waiting() < i + 1 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            held.release();
            for (CompletableFuture<Void> c : calls) {
                c.get(10, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    /** An anonymous call holding its turn until released. */
    private record Held(CountDownLatch end, CompletableFuture<Void> served) {

        static Held aTurnOf(AnonymousGate gate) throws InterruptedException {
            CountDownLatch serving = new CountDownLatch(1);
            CountDownLatch end = new CountDownLatch(1);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> call(gate, "GET", null, () -> {
                serving.countDown();
                await(end);
            }));
            assertTrue(serving.await(10, TimeUnit.SECONDS), "the held call reached its resource");
            return new Held(end, served);
        }

        void release() throws Exception {
            end.countDown();
            served.get(10, TimeUnit.SECONDS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int call(AnonymousGate gate, String method, String authorization, Runnable resource) {
        return call(gate, method, authorization, "/api/progress", resource);
    }

    /** Runs one call through the gate; its status (200 when the chain ran and set none). */
    private static int call(AnonymousGate gate, String method, String authorization, String uri, Runnable resource) {
        Map<String, Object> response = new ConcurrentHashMap<>();
        response.put("status", 200);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(AnonymousGateTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    case "getCookies" -> new Cookie[0];
                    case "getRequestURI" -> uri;
                    default -> null;
                });
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpServletResponse http = (HttpServletResponse) Proxy.newProxyInstance(AnonymousGateTest.class.getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> response.put("status", args[0]);
                        case "getOutputStream" -> {
                            return new ServletOutputStream() {
                                @Override
                                public void write(int b) {
                                    body.write(b);
                                }

                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener listener) {
                                    // not used
                                }
                            };
                        }
                        default -> {
                            // headers and content type are not looked at here
                        }
                    }
                    return null;
                });
        FilterChain chain = (req, res) -> resource.run();
        try {
            gate.doFilter(request, http, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (Integer) response.get("status");
    }
}
