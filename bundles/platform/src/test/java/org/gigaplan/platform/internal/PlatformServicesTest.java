package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's services over a real (Derby) database, across restarts. */
class PlatformServicesTest {

    private final DataSource ds = TestDatabases.derby("services");

    @BeforeEach
    void empty() {
        new PlatformDatabase(ds);
        TestDatabases.clear(ds);
    }

    private static byte[] shipped() throws IOException {
        try (InputStream in = PlatformServicesTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFreshDatabaseGetsTheShippedPlanAndTheSampleSchools() {
        PlatformDatabase db = new PlatformDatabase(ds);
        PlanServiceImpl plans = new PlanServiceImpl(db);
        assertEquals("sendai-2023-2027", plans.plan().id());
        assertEquals(1, plans.history().size());
        assertEquals("system", plans.history().get(0).importedBy());
        assertEquals(13, plans.history().get(0).actionItems());

        SchoolServiceImpl schools = new SchoolServiceImpl(db);
        assertEquals(11, schools.count(null));
        // A restart finds both and loads neither again.
        new PlanServiceImpl(new PlatformDatabase(ds));
        new SchoolServiceImpl(new PlatformDatabase(ds));
        assertEquals(1, plans.history().size());
        assertEquals(11, schools.count(null));
    }

    @Test
    void anImportedPlanIsInForceAfterARestartAndABadOneChangesNothing() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds));
        String v2 = new String(shipped(), StandardCharsets.UTF_8).replace("\"dataVersion\": \"2025.1\"",
                "\"dataVersion\": \"2025.2\"");
        plans.importPlan(new ByteArrayInputStream(v2.getBytes(StandardCharsets.UTF_8)), "console:tester");
        assertEquals("2025.2", plans.plan().dataVersion());

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> plans.importPlan(new ByteArrayInputStream("{\"id\": 1}".getBytes(StandardCharsets.UTF_8)), "api"));
        assertTrue(!e.errors().isEmpty());
        assertEquals("2025.2", plans.plan().dataVersion());

        PlanServiceImpl restarted = new PlanServiceImpl(new PlatformDatabase(ds));
        assertEquals("2025.2", restarted.plan().dataVersion());
        assertEquals(List.of("2025.2", "2025.1"), restarted.history().stream().map(h -> h.dataVersion()).toList());
        assertEquals("console:tester", restarted.history().get(0).importedBy());
    }

    /** A module that counts the demo fills it receives. */
    private static final class Recorder implements PolicyModule {
        final List<DemoContext> fills = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public int basicPolicy() {
            return 4;
        }

        @Override
        public LocalizedText name() {
            return LocalizedText.of("記録", "Recorder");
        }

        @Override
        public Set<String> indicatorIds() {
            return Set.of();
        }

        @Override
        public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
            return Optional.empty();
        }

        @Override
        public void fillDemoData(DemoContext context) {
            fills.add(context);
        }
    }

    private static DemoConfig demo(boolean enabled) {
        return new DemoConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DemoConfig.class;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int fiscalYear() {
                return 0;
            }

            @Override
            public long seed() {
                return 1;
            }
        };
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void demoModeFillsEachModuleOnceAndOnDemandAgain() throws Exception {
        PlatformDatabase db = new PlatformDatabase(ds);
        PlanServiceImpl plans = new PlanServiceImpl(db);
        SchoolServiceImpl schools = new SchoolServiceImpl(db);
        Recorder module = new Recorder();
        ModuleEnablementImpl switches = new ModuleEnablementImpl(db);
        assertTrue(switches.set("recorder", "S-E02", false, "test"), "it was on before");
        assertFalse(switches.set("recorder", "S-E02", false, "test"), "and now it is off");

        DemoService off = new DemoService(plans, schools, switches, db, demo(false));
        off.addModule(module);
        Thread.sleep(200);
        off.deactivate();
        assertEquals(0, module.fills.size(), "demo off fills nothing");

        DemoService on = new DemoService(plans, schools, switches, db, demo(true));
        on.addModule(module);
        await(() -> module.fills.size() == 1);
        assertEquals(1, module.fills.size());
        DemoContext ctx = module.fills.get(0);
        assertEquals(FiscalYear.of(2025), ctx.fiscalYear());
        assertEquals(10, ctx.schools().size(), "the 11 sample schools but S-E02, which the module is off for");
        assertTrue(ctx.schools().stream().noneMatch(s -> s.id().equals("S-E02")));
        on.deactivate();

        DemoService restarted = new DemoService(plans, schools, switches, db, demo(true));
        restarted.addModule(module);
        Thread.sleep(300);
        assertEquals(1, module.fills.size(), "filled once per module and year, across restarts");

        List<String> progress = new CopyOnWriteArrayList<>();
        assertEquals(List.of("recorder"), restarted.fillNow(FiscalYear.of(2025), List.of(), progress::add));
        assertEquals(2, module.fills.size());
        assertTrue(progress.stream().anyMatch(p -> p.contains("recorder")), progress.toString());
        restarted.deactivate();
    }
}
