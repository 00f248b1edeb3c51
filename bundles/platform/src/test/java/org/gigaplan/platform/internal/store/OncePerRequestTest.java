package org.gigaplan.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.gigaplan.platform.internal.store.OncePerRequest.Counter;
import org.junit.jupiter.api.Test;

class OncePerRequestTest {

    @Test
    void aRequestReadsEachCounterOnceAndWhatItWroteOutsideARequestEveryCallReads() {
        AtomicLong reads = new AtomicLong();
        AtomicLong stored = new AtomicLong(7);
        java.util.function.LongSupplier read = () -> {
            reads.incrementAndGet();
            return stored.get();
        };
        assertEquals(7, OncePerRequest.read(Counter.PLAN_VERSION, read));
        assertEquals(7, OncePerRequest.read(Counter.PLAN_VERSION, read));
        assertEquals(2, reads.get(), "outside a request: every call");
        OncePerRequest.begin();
        try {
            assertEquals(7, OncePerRequest.read(Counter.PLAN_VERSION, read));
            stored.set(8);
            assertEquals(7, OncePerRequest.read(Counter.PLAN_VERSION, read));
            assertEquals(3, reads.get(), "once in a request");
            assertEquals(8, OncePerRequest.read(Counter.MODULE_SWITCHES, read), "each counter once");
            OncePerRequest.wrote(Counter.PLAN_VERSION, 9);
            assertEquals(9, OncePerRequest.read(Counter.PLAN_VERSION, read), "what the node wrote");
            assertEquals(4, reads.get());
        } finally {
            OncePerRequest.end();
        }
        assertEquals(8, OncePerRequest.read(Counter.PLAN_VERSION, read), "after the request: read again");
        OncePerRequest.wrote(Counter.PLAN_VERSION, 10);
        assertEquals(8, OncePerRequest.read(Counter.PLAN_VERSION, read), "written outside a request: nothing kept");
    }
}
