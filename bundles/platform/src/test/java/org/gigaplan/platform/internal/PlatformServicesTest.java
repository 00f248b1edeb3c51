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

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's services over a real (Derby) database, across restarts. */
class PlatformServicesTest {

    private final DataSource ds = TestDatabase.derby("services").dataSource();

    @BeforeEach
    void empty() {
        new PlatformDatabase(ds);
        TestDatabase.on(ds).clear(PlatformTables.ALL);
    }

    private static byte[] shipped() throws IOException {
        try (InputStream in = PlatformServicesTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFreshDatabaseGetsTheShippedPlanAndTheSampleSchools() {
        PlatformDatabase db = new PlatformDatabase(ds);
        PlanServiceImpl plans = new PlanServiceImpl(db, TODAY);
        assertEquals("sendai-2023-2027", plans.plan().id());
        assertEquals(1, plans.versions().size());
        assertEquals("system", plans.versions().get(0).by());
        assertEquals(13, plans.versions().get(0).actionItems());

        SchoolServiceImpl schools = new SchoolServiceImpl(db);
        assertEquals(11, schools.count(null));
        // A restart finds both and loads neither again.
        new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        new SchoolServiceImpl(new PlatformDatabase(ds));
        assertEquals(1, plans.versions().size());
        assertEquals(11, schools.count(null));
    }

    @Test
    void anImportedPlanIsInForceAfterARestartAndABadOneChangesNothing() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        String v2 = new String(shipped(), StandardCharsets.UTF_8).replace("\"dataVersion\": \"2025.2\"",
                "\"dataVersion\": \"2025.9\"");
        plans.importPlan(new ByteArrayInputStream(v2.getBytes(StandardCharsets.UTF_8)), "console:tester");
        assertEquals("2025.9", plans.plan().dataVersion());

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> plans.importPlan(new ByteArrayInputStream("{\"id\": 1}".getBytes(StandardCharsets.UTF_8)), "api"));
        assertTrue(!e.errors().isEmpty());
        assertEquals("2025.9", plans.plan().dataVersion());

        PlanServiceImpl restarted = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        assertEquals("2025.9", restarted.plan().dataVersion());
        assertEquals(List.of("2025.9", "2025.2"), restarted.versions().stream().map(h -> h.dataVersion()).toList());
        assertEquals("console:tester", restarted.versions().get(0).by());
    }

    @Test
    void everyChangeIsANewNumberedVersionReadableBackAndAnImportMayNotReuseAVersionsNumber() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        long shipped = plans.versions().get(0).version();
        PlanVersion rolled = plans.change(PlanVersion.Kind.ROLLOVER, "FY2026 drafted",
                p -> PlanEditor.rollOver(p, FiscalYear.of(2026), null), "api:board");
        PlanVersion target = plans.change(PlanVersion.Kind.EDIT, "target", p -> IndicatorEditor.setTarget(p, "usage.scene1",
                FiscalYear.of(2026), new IndicatorEditor.TargetInput(90.0)), "api:board");
        assertTrue(target.version() > rolled.version() && rolled.version() > shipped);
        assertEquals(Long.toString(target.version()), plans.plan().dataVersion(), "numbered by the platform");
        assertEquals(List.of(new PlanVersion.Change("indicators[usage.scene1].targets[2026].value", "100.0", "90.0")),
                target.changes());
        assertEquals(List.of(target.version(), rolled.version(), shipped),
                plans.versions().stream().map(PlanVersion::version).toList());
        // Any version reads back as it was: the shipped one has no FY2026.
        assertTrue(plans.version(shipped).orElseThrow().actionPlan(2026).isEmpty());
        assertEquals(100.0, plans.version(rolled.version()).orElseThrow().indicator("usage.scene1").orElseThrow()
                .targetFor(FiscalYear.of(2026)).orElseThrow().value());
        // The same change again changes nothing: refused, no version made.
        assertThrows(ConflictException.class, () -> plans.change(PlanVersion.Kind.EDIT, "target",
                p -> IndicatorEditor.setTarget(p, "usage.scene1", FiscalYear.of(2026), new IndicatorEditor.TargetInput(90.0)),
                "api:board"));
        // A file reusing a stored version's data version with other content is refused; the plan stays.
        String reused = new String(shipped(), StandardCharsets.UTF_8).replace("\"dataVersion\": \"2025.2\"",
                "\"dataVersion\": \"" + target.version() + "\"");
        ConflictException conflict = assertThrows(ConflictException.class, () -> plans.importPlan(
                new ByteArrayInputStream(reused.getBytes(StandardCharsets.UTF_8)), "api:board"));
        assertEquals("dataVersion", conflict.field());
        assertEquals(3, plans.versions().size());
        // After a restart the newest version is in force.
        PlanServiceImpl restarted = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        assertEquals(90.0, restarted.plan().indicator("usage.scene1").orElseThrow().targetFor(FiscalYear.of(2026))
                .orElseThrow().value());
        assertEquals(ActionPlan.Status.DRAFT, restarted.plan().actionPlan(2026).orElseThrow().status());
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

    static DemoConfig demo(boolean enabled) {
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

    /** 2026-11-30: FY2026 (令和8年度). */
    private static final PlanClock TODAY = PlanClock.fixedAt(java.time.LocalDate.of(2026, 11, 30));

    @Test
    void demoModeFillsEachModuleOnceAndOnDemandAgain() throws Exception {
        PlatformDatabase db = new PlatformDatabase(ds);
        PlanServiceImpl plans = new PlanServiceImpl(db, TODAY);
        SchoolServiceImpl schools = new SchoolServiceImpl(db);
        Recorder module = new Recorder();
        ModuleEnablementImpl switches = new ModuleEnablementImpl(db);
        assertTrue(switches.set("recorder", "S-E02", false, "test"), "it was on before");
        assertFalse(switches.set("recorder", "S-E02", false, "test"), "and now it is off");

        DemoService off = new DemoService(schools, switches, db, TODAY, demo(false));
        off.addModule(module);
        Thread.sleep(200);
        off.deactivate();
        assertEquals(0, module.fills.size(), "demo off fills nothing");

        DemoService on = new DemoService(schools, switches, db, TODAY, demo(true));
        on.addModule(module);
        // Today is in FY2026: demo mode fills it (up to today) and FY2025 before it.
        await(() -> module.fills.size() == 2);
        assertEquals(2, module.fills.size());
        assertEquals(List.of(FiscalYear.of(2025), FiscalYear.of(2026)),
                module.fills.stream().map(DemoContext::fiscalYear).toList());
        DemoContext ctx = module.fills.get(1);
        assertEquals(10, ctx.schools().size(), "the 11 sample schools but S-E02, which the module is off for");
        assertTrue(ctx.schools().stream().noneMatch(s -> s.id().equals("S-E02")));
        // A fill is recorded as done after the module's hook returns: stopping before that would leave it to redo.
        await(() -> on.pendingFills() == 0);
        on.deactivate();

        DemoService restarted = new DemoService(schools, switches, db, TODAY, demo(true));
        restarted.addModule(module);
        Thread.sleep(300);
        assertEquals(2, module.fills.size(), "filled once per module and year, across restarts");

        List<String> progress = new CopyOnWriteArrayList<>();
        assertEquals(List.of("recorder"), restarted.fillNow(FiscalYear.of(2025), List.of(), progress::add));
        assertEquals(3, module.fills.size());
        assertTrue(progress.stream().anyMatch(p -> p.contains("recorder")), progress.toString());
        restarted.deactivate();
    }
}
