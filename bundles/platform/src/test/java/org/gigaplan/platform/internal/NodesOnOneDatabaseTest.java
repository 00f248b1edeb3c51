package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.platform.internal.store.OncePerRequest;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestClocks;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one installation, each with its own platform services, on one database: what one changes of what both
 * hold in memory (the plan, the module switches, the roster's version), or may have seen (a teacher's listing), the
 * other reads at once; changes at once are made one after the
 * other, none lost; started together on an empty database, they load the shipped plan once and fill demo data once.
 */
class NodesOnOneDatabaseTest {

    /** 2026-11-30: FY2026, demo mode fills it and FY2025. */
    private static final PlanClock TODAY = TestClocks.at("2026-11-30T10:00");

    /**
     * The year the nodes change targets in: today's, which needs no confirmation (FY2025 has ended); until set, its
     * target in force is FY2025's shipped 100.
     */
    private static final FiscalYear THIS_YEAR = FiscalYear.of(2026);

    private final DataSource ds = TestDatabase.derby("nodes").dataSource();

    @BeforeEach
    void empty() {
        new PlatformDatabase(ds);
        TestDatabase.on(ds).clear(PlatformTables.ALL);
    }

    @Test
    void startedTogetherOnAnEmptyDatabaseTheyLoadTheShippedPlanOnce() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<PlanServiceImpl>> started = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                started.add(nodes.submit(() -> {
                    together.await();
                    return new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
                }));
            }
            for (Future<PlanServiceImpl> node : started) {
                assertEquals("sendai-2023-2027", node.get().plan().id());
            }
            assertEquals(1, started.get(0).get().versions().size(), "one version: the shipped plan, once");
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void aPlanChangeOnOneNodeIsReadOnTheOtherAndChangesOnBothAreKept() {
        PlanServiceImpl a = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        PlanServiceImpl b = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        assertEquals(100.0, target(b, "usage.scene1"));
        a.change(PlanVersion.Kind.EDIT, "scene 1", p -> IndicatorEditor.setTarget(p, "usage.scene1",
                THIS_YEAR, new IndicatorEditor.TargetInput(85.0)), "api:a");
        assertEquals(85.0, target(b, "usage.scene1"), "b reads a's change");
        // b changes another indicator: made on the newest version, a's change stays.
        b.change(PlanVersion.Kind.EDIT, "scene 2", p -> IndicatorEditor.setTarget(p, "usage.scene2",
                THIS_YEAR, new IndicatorEditor.TargetInput(75.0)), "api:b");
        assertEquals(85.0, target(a, "usage.scene1"));
        assertEquals(75.0, target(a, "usage.scene2"));
        assertEquals(3, a.versions().size());
    }

    @Test
    void aRequestReadsThePlansNewestVersionOnceAndTheNextRequestSeesAnotherNodesChange() throws Exception {
        PlanServiceImpl a = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        PlanServiceImpl b = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        OncePerRequest.begin();
        try {
            assertEquals(100.0, target(b, "usage.scene1"));
            // a is another node: its change is made on a thread of its own.
            ExecutorService nodeA = Executors.newSingleThreadExecutor();
            try {
                nodeA.submit(() -> a.change(PlanVersion.Kind.EDIT, "scene 1", p -> IndicatorEditor.setTarget(p,
                        "usage.scene1", THIS_YEAR, new IndicatorEditor.TargetInput(85.0)), "api:a")).get();
            } finally {
                nodeA.shutdownNow();
            }
            assertEquals(100.0, target(b, "usage.scene1"), "one request reads one version, looked up once");
        } finally {
            OncePerRequest.end();
        }
        OncePerRequest.begin();
        try {
            assertEquals(85.0, target(b, "usage.scene1"), "the next request reads a's change");
            b.change(PlanVersion.Kind.EDIT, "scene 2", p -> IndicatorEditor.setTarget(p, "usage.scene2",
                    THIS_YEAR, new IndicatorEditor.TargetInput(75.0)), "api:b");
            assertEquals(75.0, target(b, "usage.scene2"), "a request reads what its node just wrote");
        } finally {
            OncePerRequest.end();
        }
        assertEquals(75.0, target(a, "usage.scene2"), "outside a request every call looks the version up");
    }

    @Test
    void changesMadeAtOnceOnBothNodesAreAllKept() throws Exception {
        PlanServiceImpl a = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        PlanServiceImpl b = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> changes = new ArrayList<>();
            for (int scene = 1; scene <= 5; scene++) {
                PlanServiceImpl node = scene % 2 == 0 ? a : b;
                String id = "usage.scene" + scene;
                double value = 60 + scene;
                changes.add(nodes.submit(() -> node.change(PlanVersion.Kind.EDIT, id, p -> IndicatorEditor.setTarget(p,
                        id, THIS_YEAR, new IndicatorEditor.TargetInput(value)), "api")));
            }
            for (Future<?> f : changes) {
                f.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        for (int scene = 1; scene <= 5; scene++) {
            assertEquals(60.0 + scene, target(a, "usage.scene" + scene), "scene " + scene + " on a");
            assertEquals(60.0 + scene, target(b, "usage.scene" + scene), "scene " + scene + " on b");
        }
        assertEquals(6, a.versions().size());
    }

    @Test
    void aTeacherRemovedOnOneNodeIsListedAgainAtTheirNextLoginOnTheOther() {
        PlatformDatabase one = new PlatformDatabase(ds);
        PlatformDatabase two = new PlatformDatabase(ds);
        TeacherServiceImpl a = new TeacherServiceImpl(one, new SchoolServiceImpl(one));
        TeacherServiceImpl b = new TeacherServiceImpl(two, new SchoolServiceImpl(two));
        org.gigaplan.plan.security.Caller t09 = new org.gigaplan.plan.security.Caller("demo-teacher-e01",
                org.gigaplan.plan.security.Role.TEACHER, "S-E01", "T09");
        b.signedIn(t09);
        assertTrue(a.find("S-E01", "T09").isPresent(), "listed by their login on b");
        assertTrue(a.remove("S-E01", "T09").isPresent());
        b.signedIn(t09);
        assertEquals(org.gigaplan.plan.model.Teacher.LOGIN, a.find("S-E01", "T09").orElseThrow().source(),
                "removed on a, listed again by their next login on b, as on one node");
    }

    @Test
    void aModuleSwitchedOffOnOneNodeIsOffOnTheOther() {
        ModuleEnablementImpl a = new ModuleEnablementImpl(new PlatformDatabase(ds));
        ModuleEnablementImpl b = new ModuleEnablementImpl(new PlatformDatabase(ds));
        assertTrue(b.isEnabled("training", "S-E01"));
        a.set("training", "S-E01", false, "api:a");
        assertFalse(b.isEnabled("training", "S-E01"), "off on b at once");
        assertEquals(java.util.Set.of("S-E01"), b.disabledSchools("training"));
        b.set("training", "S-E01", true, "api:b");
        assertTrue(a.isEnabled("training", "S-E01"), "on again on a");
    }

    @Test
    void demoDataIsFilledOnceWhenBothNodesStartInDemoMode() throws Exception {
        PlatformDatabase db = new PlatformDatabase(ds);
        new PlanServiceImpl(db, TODAY);
        SchoolServiceImpl schools = new SchoolServiceImpl(db);
        ModuleEnablementImpl switches = new ModuleEnablementImpl(db);
        java.util.concurrent.atomic.AtomicInteger fills = new java.util.concurrent.atomic.AtomicInteger();
        PolicyModule slow = new PolicyModule() {
            public String id() {
                return "slow";
            }

            public int basicPolicy() {
                return 1;
            }

            public LocalizedText name() {
                return LocalizedText.of("遅い", "Slow");
            }

            public java.util.Set<String> indicatorIds() {
                return java.util.Set.of();
            }

            public java.util.Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
                return java.util.Optional.empty();
            }

            @Override
            public void fillDemoData(DemoContext context) {
                fills.incrementAndGet();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        DemoService a = new DemoService(schools, new PlanServiceImpl(db, TODAY), switches, db, TODAY,
                PlatformServicesTest.demo(true));
        PlatformDatabase other = new PlatformDatabase(ds);
        DemoService b = new DemoService(schools, new PlanServiceImpl(other, TODAY), switches, other, TODAY,
                PlatformServicesTest.demo(true));
        try {
            a.addModule(slow);
            b.addModule(slow);
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while ((a.pendingFills() > 0 || b.pendingFills() > 0) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertEquals(2, fills.get(), "each of the two demo years filled once, by one node or the other");
            assertTrue(db.demoRuns().filled("slow", 2025) && db.demoRuns().filled("slow", 2026));
        } finally {
            a.deactivate();
            b.deactivate();
        }
    }

    private static double target(PlanServiceImpl node, String indicator) {
        return node.plan().indicator(indicator).orElseThrow().targetFor(THIS_YEAR).orElseThrow().value();
    }
}
