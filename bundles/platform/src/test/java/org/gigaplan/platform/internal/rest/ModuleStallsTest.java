package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class ModuleStallsTest {

    private final AtomicLong now = new AtomicLong();
    private final ModuleStalls stalls = new ModuleStalls(now::get);
    private final Bundle usage = bundle(7);
    private final Bundle training = bundle(8);

    @Test
    void aModuleIsWaitedForUntilTheGraceRunsOutThenReportedStalled() {
        assertEquals(List.of(usage), stalls.waitingFor(List.of(usage)));
        assertEquals(List.of(), stalls.stalled(List.of(usage)));

        now.addAndGet(ModuleStalls.GRACE.minus(Duration.ofSeconds(1)).toNanos());
        assertEquals(List.of(usage, training), stalls.waitingFor(List.of(usage, training)), "training just seen");

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(List.of(training), stalls.waitingFor(List.of(usage, training)));
        assertEquals(List.of(usage), stalls.stalled(List.of(usage, training)));
    }

    @Test
    void aModuleTakenInMeanwhileStartsItsGraceAfreshWhenItGoesMissingAgain() {
        stalls.waitingFor(List.of(usage));
        now.addAndGet(ModuleStalls.GRACE.toNanos());
        stalls.waitingFor(List.of()); // taken in: forgotten
        assertEquals(List.of(usage), stalls.waitingFor(List.of(usage)), "a refresh stops it again: waited for");
        assertEquals(List.of(), stalls.stalled(List.of(usage)));
    }

    private static Bundle bundle(long id) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> switch (method.getName()) {
                case "getBundleId" -> id;
                case "equals" -> proxy == args[0];
                case "hashCode" -> Long.hashCode(id);
                case "toString" -> "bundle " + id;
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
