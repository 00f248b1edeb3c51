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
    void anImportChangingASchoolsTypeIsMadeOnlyKnowingly() {
        SchoolServiceImpl schools = new SchoolServiceImpl(new PlatformDatabase(ds));
        String header = "id,name_ja,name_en,type,enrollment,classes\n";
        String s02 = schools.find("S-E02").orElseThrow().name().ja();
        // S-E02 is an elementary school: its grades 4 to 6 would read as a junior high's that has none.
        org.gigaplan.plan.csv.CsvTable asJuniorHigh = org.gigaplan.plan.csv.CsvTable.parse(header
                + "S-E99,新設小学校,New Elementary,ELEMENTARY,100,4\nS-E02," + s02 + ",S-E02,JUNIOR_HIGH,174,7\n");
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> schools.importCsv(asJuniorHigh, false));
        assertEquals("line 3.type", refused.errors().get(0).field());
        assertTrue(refused.errors().get(0).japanese().contains("typeChange=true"), refused.errors().get(0).japanese());
        assertTrue(schools.find("S-E99").isEmpty(), "nothing of the file is stored");
        assertEquals(org.gigaplan.plan.model.SchoolType.ELEMENTARY, schools.find("S-E02").orElseThrow().type());
        assertEquals(1, schools.importCsv(asJuniorHigh, false, true).added());
        assertEquals(org.gigaplan.plan.model.SchoolType.JUNIOR_HIGH, schools.find("S-E02").orElseThrow().type());
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

    /**
     * The user test edited FY2025 on 2026-12-06 and changed its verdicts unwarned. A change reaching a fiscal year that
     * has ended by the platform's clock (TODAY is in FY2026) is refused unless confirmed; confirmed, its version (and so
     * the audit) says so. Today's year, and a baseline, stay editable as before.
     */
    @Test
    void aChangeToAFiscalYearThatHasEndedIsRefusedUnlessConfirmedAndTheConfirmedOneIsRecorded() {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        List<PlanVersion> before = plans.versions();
        ConflictException target = assertThrows(ConflictException.class, () -> plans.change(PlanVersion.Kind.EDIT,
                "target", p -> IndicatorEditor.setTarget(p, "usage.scene1", FiscalYear.of(2025),
                        new IndicatorEditor.TargetInput(90.0)), "api:board"));
        assertEquals("pastYear", target.field());
        assertEquals("FY2025 has ended (today is 2026-11-30, FY2026): this change would alter its action plan or "
                + "targets, and so the verdicts already given for it. Confirm it with pastYear=true (console: "
                + "--past-year) to change it all the same, or change the current year instead", target.getMessage());
        assertTrue(target.japanese().startsWith("2025年度は終了しています（今日は 2026-11-30、2026年度）。"),
                target.japanese());
        ItemInputs.refusedForFy2025(plans);
        assertEquals(before, plans.versions(), "nothing stored");

        PlanVersion confirmed = plans.change(PlanVersion.Kind.EDIT, "indicator usage.scene1 target for FY2025 set",
                p -> IndicatorEditor.setTarget(p, "usage.scene1", FiscalYear.of(2025),
                        new IndicatorEditor.TargetInput(90.0)), "api:board", true);
        assertEquals("indicator usage.scene1 target for FY2025 set (confirmed change to ended FY2025, past verdicts "
                + "may change)", confirmed.summary());
        assertTrue(AuditSummaries.planChange(confirmed).contains("confirmed change to ended FY2025"),
                AuditSummaries.planChange(confirmed));
        assertEquals(90.0, plans.plan().indicator("usage.scene1").orElseThrow().targetFor(FiscalYear.of(2025))
                .orElseThrow().value());
        // A baseline measured in FY2024 is no year's verdict; FY2026's target is today's year's: neither asks.
        PlanVersion baseline = plans.change(PlanVersion.Kind.EDIT, "baseline", p -> IndicatorEditor.changeIndicator(p,
                "usage.scene1", new IndicatorEditor.IndicatorInput(null, null, null, null, null, null, null, null,
                        new org.gigaplan.plan.model.Baseline(55.5, 2024), null)), "api:board");
        assertEquals("baseline", baseline.summary());
        plans.change(PlanVersion.Kind.EDIT, "target", p -> IndicatorEditor.setTarget(p, "usage.scene1",
                FiscalYear.of(2026), new IndicatorEditor.TargetInput(95.0)), "api:board");
        assertEquals(before.size() + 3, plans.versions().size());
    }

    /** An action item added to, changed in or removed from FY2025's action plan, unconfirmed: each refused. */
    private static final class ItemInputs {
        static void refusedForFy2025(PlanServiceImpl plans) {
            FiscalYear fy = FiscalYear.of(2025);
            PlanEditor.ItemInput added = new PlanEditor.ItemInput("P1-B8", "1-2", org.gigaplan.plan.model.Actor.BOARD,
                    false, LocalizedText.of("新しい取組", "A new item"), List.of("usage.scene1"));
            for (java.util.function.UnaryOperator<org.gigaplan.plan.model.Plan> edit : List.<java.util.function
                    .UnaryOperator<org.gigaplan.plan.model.Plan>>of(p -> PlanEditor.addItem(p, fy, added),
                            p -> PlanEditor.changeItem(p, fy, "P1-B1", new PlanEditor.ItemInput(null, null, null, false,
                                    null, null)),
                            p -> PlanEditor.removeItem(p, fy, "P1-B1"))) {
                assertEquals("pastYear", assertThrows(ConflictException.class,
                        () -> plans.change(PlanVersion.Kind.EDIT, "item", edit, "api:board")).field());
            }
        }
    }

    private static ByteArrayInputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The plan as JSON under another data version: a file a board could import. */
    private static String file(org.gigaplan.plan.model.Plan p, String dataVersion) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = Json.mapper().valueToTree(p);
        tree.put("dataVersion", dataVersion);
        return Json.mapper().writeValueAsString(tree);
    }

    /** The board's year as the user test made it: FY2026 rolled forward, a target edited, published. */
    private static void boardsYear(PlanServiceImpl plans) {
        plans.change(PlanVersion.Kind.ROLLOVER, "FY2026 drafted",
                p -> PlanEditor.rollOver(p, FiscalYear.of(2026), null), "api:board");
        plans.change(PlanVersion.Kind.EDIT, "target", p -> IndicatorEditor.setTarget(p, "usage.scene1",
                FiscalYear.of(2026), new IndicatorEditor.TargetInput(90.0)), "api:board");
        plans.change(PlanVersion.Kind.PUBLISH, "FY2026 published", p -> PlanEditor.publish(p, FiscalYear.of(2026)),
                "api:board");
    }

    @Test
    void importingTheShippedFileAgainOverTheBoardsYearIsRefusedNamingWhatWouldGoAndNothingIsStored()
            throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        long shipped = plans.versions().get(0).version();
        boardsYear(plans);
        List<PlanVersion> before = plans.versions();

        ConflictException refused = assertThrows(ConflictException.class,
                () -> plans.importPlan(new ByteArrayInputStream(shipped()), "api:board"));
        assertEquals("replace", refused.field());
        // The shipped file lacks FY2026's action plan and the six 2026 targets the roll-forward made (one edited
        // since): importing it would drop the one and the others, seven changes undoing the board's (see the dry run).
        assertEquals("this import would undo 7 of the changes made here since plan version " + shipped + " was "
                + "imported (3 versions) and drop the action plan of FY2026: import a file that carries them, see what "
                + "it would change with dryRun=true (plan:import --dry-run), or replace them knowingly with "
                + "replace=true (plan:import --replace)", refused.getMessage());
        assertTrue(refused.getMessage().contains("replace=true"), refused.getMessage());
        assertTrue(((ConflictException) refused).japanese().contains("2026年度（令和8年度）の行動計画を削除"),
                ((ConflictException) refused).japanese());
        assertEquals(before, plans.versions(), "nothing stored");
        assertEquals(ActionPlan.Status.PUBLISHED, plans.plan().actionPlan(2026).orElseThrow().status());
        assertEquals(90.0, plans.plan().indicator("usage.scene1").orElseThrow().targetFor(FiscalYear.of(2026))
                .orElseThrow().value());
    }

    @Test
    void aDryRunAnswersWhatAnImportWouldChangeAndLoseAndStoresNothing() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        long shipped = plans.versions().get(0).version();
        boardsYear(plans);
        List<PlanVersion> before = plans.versions();
        long inForce = before.get(0).version();

        PlanImportCheck check = plans.checkImport(new ByteArrayInputStream(shipped()));
        assertEquals("2025.2", check.dataVersion());
        assertEquals(inForce, check.inForce());
        assertEquals(shipped, check.lastImport());
        assertEquals(3, check.madeHere(), "roll-forward, edit, publication");
        assertFalse(check.unchanged());
        assertTrue(check.replaceNeeded());
        assertEquals(List.of(2026), check.actionPlansDropped());
        // The shipped file has neither FY2026's action plan nor a 2026 target: the roll-forward gave the six
        // indicators with a target in force one for 2026 (usage.scene1's then edited to 90). Seven changes, each
        // undoing the board's.
        assertEquals(List.of("actionPlans[2026]", "indicators[usage.scene1].targets[2026]",
                "indicators[usage.scene2].targets[2026]", "indicators[usage.scene3].targets[2026]",
                "indicators[usage.scene4].targets[2026]", "indicators[usage.scene5].targets[2026]",
                "indicators[outreach.parent-meeting].targets[2026]"),
                check.changes().stream().map(PlanVersion.Change::path).toList());
        assertEquals(new PlanVersion.Change("indicators[usage.scene1].targets[2026]",
                "{\"fiscalYear\":2026,\"value\":90.0}", null), check.changes().get(1));
        assertEquals(check.changes(), check.undone());
        assertEquals(before, plans.versions(), "nothing stored");
        assertEquals(Long.toString(inForce), plans.plan().dataVersion());
    }

    @Test
    void aConfirmedReplaceImportsTheFileAndSaysWhatItThrewAway() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        long shipped = plans.versions().get(0).version();
        boardsYear(plans);
        long published = plans.versions().get(0).version();
        int undone = plans.checkImport(new ByteArrayInputStream(shipped())).undone().size();

        PlanServiceImpl.Imported imported = plans.importPlan(new ByteArrayInputStream(shipped()), "api:board", true);
        assertTrue(imported.stored());
        assertTrue(imported.replaced());
        assertEquals(PlanVersion.Kind.IMPORT, imported.version().kind());
        assertEquals(5, plans.versions().size(), "shipped, roll-forward, edit, publication, the replace");
        assertTrue(plans.plan().actionPlan(2026).isEmpty());
        assertEquals("2025.2", plans.plan().dataVersion());
        assertEquals("replaced on confirmation: " + undone + " changes made here since version " + shipped
                + " undone, action plans of FY2026 dropped", imported.check().replaced());
        String audit = AuditSummaries.planImport(plans.version(published).orElseThrow(), imported);
        assertTrue(audit.endsWith("; replaced on confirmation: " + undone + " changes made here since version "
                + shipped + " undone, action plans of FY2026 dropped)"), audit);
    }

    @Test
    void aFileThatCarriesTheBoardsWorkImportsWithoutConfirmation() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        boardsYear(plans);
        // The plan in force, exported, with the English title corrected: it keeps FY2026 and the target of 90.
        com.fasterxml.jackson.databind.node.ObjectNode corrected = Json.mapper().readValue(file(plans.plan(),
                "2026.1"), com.fasterxml.jackson.databind.node.ObjectNode.class);
        ((com.fasterxml.jackson.databind.node.ObjectNode) corrected.get("title")).put("en", "Corrected title");

        PlanServiceImpl.Imported imported = plans.importPlan(in(corrected.toString()), "api:board", false);
        assertTrue(imported.stored());
        assertFalse(imported.replaced());
        assertEquals(List.of("title.en"), imported.version().changes().stream().map(PlanVersion.Change::path).toList());
        assertEquals(ActionPlan.Status.PUBLISHED, plans.plan().actionPlan(2026).orElseThrow().status());
        assertEquals(90.0, plans.plan().indicator("usage.scene1").orElseThrow().targetFor(FiscalYear.of(2026))
                .orElseThrow().value());
    }

    @Test
    void anImportChangingAYearThatHasEndedIsMadeOnlyKnowingly() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        // Today is in FY2026: a file lowering FY2025's scene-1 target would change verdicts already given.
        String lowered = file(IndicatorEditor.setTarget(plans.plan(), "usage.scene1", FiscalYear.of(2025),
                new IndicatorEditor.TargetInput(50.0)), "2025.5");
        ConflictException refused = assertThrows(ConflictException.class,
                () -> plans.importPlan(in(lowered), "api", false));
        assertEquals("replace", refused.field());
        assertTrue(refused.getMessage().startsWith("this import changes the action plan or targets of FY2025"),
                refused.getMessage());
        assertTrue(refused.japanese().contains("2025年度"), refused.japanese());
        assertEquals(1, plans.versions().size(), "nothing stored");
        assertTrue(plans.importPlan(in(lowered), "api", true).stored());
        assertEquals(50.0, plans.plan().indicator("usage.scene1").orElseThrow().targetFor(FiscalYear.of(2025))
                .orElseThrow().value());
    }

    @Test
    void aFileThatDropsAnImportedActionPlanIsRefusedWithoutConfirmationToo() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        // FY2026 arrives by file, not made here; a later file without it would drop it all the same.
        plans.importPlan(in(file(PlanEditor.rollOver(plans.plan(), FiscalYear.of(2026), null), "2025.3")), "api:board");
        String without = new String(shipped(), StandardCharsets.UTF_8).replace("\"dataVersion\": \"2025.2\"",
                "\"dataVersion\": \"2025.4\"");

        ConflictException refused = assertThrows(ConflictException.class, () -> plans.importPlan(in(without), "api"));
        assertTrue(refused.getMessage().startsWith("this import would drop the action plan of FY2026: "),
                refused.getMessage());
        PlanImportCheck check = plans.checkImport(in(without));
        assertEquals(List.of(), check.undone(), "nothing was made here");
        assertEquals(List.of(2026), check.actionPlansDropped());
        assertEquals(2, plans.versions().size());
        assertTrue(plans.importPlan(in(without), "api", true).replaced());
        assertTrue(plans.plan().actionPlan(2026).isEmpty());
    }

    @Test
    void importingThePlanInForceAgainStoresNothing() throws IOException {
        PlanServiceImpl plans = new PlanServiceImpl(new PlatformDatabase(ds), TODAY);
        PlanServiceImpl.Imported again = plans.importPlan(new ByteArrayInputStream(shipped()), "api:board", false);
        assertFalse(again.stored());
        assertEquals(plans.versions().get(0), again.version());
        assertTrue(again.check().unchanged());
        assertEquals(1, plans.versions().size());
        // After the board's year, the plan in force exported and imported as it is: the same, nothing stored.
        boardsYear(plans);
        String exported = file(plans.plan(), plans.plan().dataVersion());
        assertTrue(plans.checkImport(in(exported)).unchanged());
        assertFalse(plans.importPlan(in(exported), "api:board", false).stored());
        assertEquals(4, plans.versions().size());
    }

    /** A module that counts the demo fills it receives. */
    private static class Recorder implements PolicyModule {
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

    /** A module whose fill takes long, reporting progress, as a real one writing a year of records does. */
    private static final class Slow extends Recorder {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        volatile boolean interrupted;
        volatile RuntimeException ended;

        @Override
        public void fillDemoData(DemoContext context) {
            started.countDown();
            try {
                for (int school = 0; school < 3000; school++) {
                    Thread.sleep(10);
                    context.progress("school " + school);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (RuntimeException e) {
                ended = e;
                throw e;
            }
        }
    }

    @Test
    void stoppingDuringADemoFillNeverInterruptsTheFillingThread() throws Exception {
        // An interrupt in the middle of Derby's file I/O closes the file Derby shares between threads: the engine's
        // shutdown then failed and retried for minutes. The fill stops at its next progress report instead.
        PlatformDatabase db = new PlatformDatabase(ds);
        PlanServiceImpl plans = new PlanServiceImpl(db, TODAY);
        SchoolServiceImpl schools = new SchoolServiceImpl(db);
        DemoService on = new DemoService(schools, plans, new ModuleEnablementImpl(db), db, TODAY, demo(true));
        Slow slow = new Slow();
        on.addModule(slow);
        assertTrue(slow.started.await(10, java.util.concurrent.TimeUnit.SECONDS));
        on.deactivate();
        assertFalse(slow.interrupted, "the filling thread was interrupted");
        assertTrue(slow.ended instanceof java.util.concurrent.CancellationException, String.valueOf(slow.ended));
        assertEquals(0, on.pendingFills());
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

        DemoService off = new DemoService(schools, plans, switches, db, TODAY, demo(false));
        off.addModule(module);
        Thread.sleep(200);
        off.deactivate();
        assertEquals(0, module.fills.size(), "demo off fills nothing");

        DemoService on = new DemoService(schools, plans, switches, db, TODAY, demo(true));
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

        DemoService restarted = new DemoService(schools, plans, switches, db, TODAY, demo(true));
        restarted.addModule(module);
        Thread.sleep(300);
        assertEquals(2, module.fills.size(), "filled once per module and year, across restarts");

        List<String> progress = new CopyOnWriteArrayList<>();
        assertEquals(List.of("recorder"), restarted.fillNow(FiscalYear.of(2025), List.of(), progress::add));
        assertEquals(3, module.fills.size());
        assertTrue(progress.stream().anyMatch(p -> p.contains("recorder")), progress.toString());
        // A year outside the plan, or one not begun, is refused before any module fills anything.
        for (int year : new int[] { 1999, 2027 }) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> restarted.fillNow(FiscalYear.of(year), List.of(), progress::add));
            assertEquals("fiscalYear", refused.errors().get(0).field());
            assertTrue(refused.errors().get(0).detail().contains("FY2023–FY2026"), refused.errors().get(0).detail());
        }
        assertEquals(3, module.fills.size());
        restarted.deactivate();
    }
}
