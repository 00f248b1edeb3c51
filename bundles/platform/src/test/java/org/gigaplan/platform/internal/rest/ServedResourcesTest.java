package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.junit.jupiter.api.Test;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

class ServedResourcesTest {

    /** A runtime view serving these service ids for /api (and 99 for another application), counting its builds. */
    private static final class View implements Supplier<RuntimeDTO> {
        final AtomicInteger built = new AtomicInteger();
        volatile long[] serving;

        View(long... serving) {
            this.serving = serving;
        }

        @Override
        public RuntimeDTO get() {
            built.incrementAndGet();
            RuntimeDTO dto = new RuntimeDTO();
            dto.applicationDTOs = new ApplicationDTO[] { application(GigaPlanRest.APPLICATION_NAME, serving),
                application("other", 99) };
            return dto;
        }

        private static ApplicationDTO application(String name, long... ids) {
            ApplicationDTO a = new ApplicationDTO();
            a.name = name;
            a.resourceDTOs = java.util.Arrays.stream(ids).mapToObj(id -> {
                ResourceDTO r = new ResourceDTO();
                r.serviceId = id;
                return r;
            }).toArray(ResourceDTO[]::new);
            return a;
        }
    }

    @Test
    void theViewIsBuiltAgainOnlyWhenTheRuntimeCountsAChange() {
        ServedResources served = new ServedResources();
        View view = new View(1, 2);
        assertEquals(Set.of(1L, 2L), served.served(7L, List.of(1L, 2L), view));
        // A load balancer asking every second: the same count, the same resources registered.
        for (int i = 0; i < 10; i++) {
            assertEquals(Set.of(1L, 2L), served.served(7L, List.of(1L, 2L), view));
        }
        assertEquals(1, view.built.get(), "one view for eleven calls");
        // The runtime changed (a resource went): read again.
        view.serving = new long[] { 1 };
        assertEquals(Set.of(1L), served.served(8L, List.of(1L), view));
        assertEquals(2, view.built.get());
    }

    @Test
    void aResourceRegisteredAndNotSeenServedIsLookedForAfreshWhateverTheCount() {
        ServedResources served = new ServedResources();
        View view = new View(1, 2);
        served.served(7L, List.of(1L, 2L), view);
        // Resource 3 registered; the runtime serves it before it counts the change.
        view.serving = new long[] { 1, 2, 3 };
        assertEquals(Set.of(1L, 2L, 3L), served.served(7L, List.of(1L, 2L, 3L), view));
        assertEquals(2, view.built.get());
        assertEquals(Set.of(1L, 2L, 3L), served.served(7L, List.of(1L, 2L, 3L), view));
        assertEquals(2, view.built.get(), "kept once it covers every resource registered");
    }

    @Test
    void aRuntimeWithoutAChangeCountIsReadEachTime() {
        ServedResources served = new ServedResources();
        View view = new View(1);
        served.served(null, List.of(1L), view);
        served.served(null, List.of(1L), view);
        assertEquals(2, view.built.get());
    }
}
