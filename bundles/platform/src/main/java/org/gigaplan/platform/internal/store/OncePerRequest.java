package org.gigaplan.platform.internal.store;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counters a node reads to learn whether another node changed something it holds (the plan's newest version, the
 * module switches' change mark), read once per API request instead of at every call: a request asks for the plan
 * and the switches many times, and each read took a pooled connection (under load, requests queued for the pool to
 * read them). Another node's change is still seen by the next request. Outside a request (jobs, the console) every
 * call reads. The request's thread is marked by {@code RequestScope}, the {@code /api} application's filter.
 */
public final class OncePerRequest {

    /** A counter read once per request. */
    public enum Counter {
        PLAN_VERSION, MODULE_SWITCHES
    }

    private static final ThreadLocal<Map<Counter, Long>> REQUEST = new ThreadLocal<>();

    private OncePerRequest() {
    }

    /** Marks this thread as serving a request from now on. */
    public static void begin() {
        REQUEST.set(new HashMap<>());
    }

    /** Ends the request this thread served. */
    public static void end() {
        REQUEST.remove();
    }

    /** The counter as first read in this request, or read now when this thread serves none. */
    public static long read(Counter counter, LongSupplier read) {
        Map<Counter, Long> request = REQUEST.get();
        if (request == null) {
            return read.getAsLong();
        }
        Long known = request.get(counter);
        if (known == null) {
            known = read.getAsLong();
            request.put(counter, known);
        }
        return known;
    }

    /** What this node just wrote: the rest of the request goes on from it. */
    public static void wrote(Counter counter, long value) {
        Map<Counter, Long> request = REQUEST.get();
        if (request != null) {
            request.put(counter, value);
        }
    }
}
