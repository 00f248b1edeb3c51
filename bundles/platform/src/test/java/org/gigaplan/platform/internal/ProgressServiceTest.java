package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.IndicatorSubject;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.service.ProgressReport.ItemProgress;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressReport.IndicatorProgress;
import org.gigaplan.plan.service.ProgressReport.Status;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The roll-up shows each indicator from the module that computes it, or says that none does. */
class ProgressServiceTest {

    /** When the fake modules' values were computed. */
    private static final java.time.Instant AS_OF = java.time.Instant.parse("2026-11-30T03:00:00Z");

    private static Plan plan;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ProgressServiceTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            plan = PlanReader.read(in.readAllBytes());
        }
    }

    private static PlanService plans() {
        return new PlanService() {
            @Override
            public Plan plan() {
                return plan;
            }

            @Override
            public PlanVersion importPlan(InputStream json, String importedBy) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<PlanVersion> versions() {
                return List.of();
            }

            @Override
            public java.util.Optional<Plan> version(long version) {
                return java.util.Optional.empty();
            }
        };
    }

    /** Scene 1 at 100 %, scene 2 at 60 %, scene 3 without data, scene 4 failing; scene 5 is not its. */
    private static final class FakeUsage implements PolicyModule {
        @Override
        public String id() {
            return "usage";
        }

        @Override
        public int basicPolicy() {
            return 1;
        }

        @Override
        public LocalizedText name() {
            return LocalizedText.of("端末活用", "Device use");
        }

        @Override
        public Set<String> indicatorIds() {
            return Set.of("usage.scene1", "usage.scene2", "usage.scene3", "usage.scene4");
        }

        @Override
        public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
            return switch (indicatorId) {
                case "usage.scene1" -> Optional.of(new IndicatorValue(scope.isCity() ? 100 : 50, 8L, null, null, true));
                case "usage.scene2" -> Optional.of(IndicatorValue.of(60, 8, AS_OF));
                case "usage.scene3" -> Optional.empty();
                default -> throw new IllegalStateException("database gone");
            };
        }
    }

    private static Map<String, IndicatorProgress> byId(ProgressReport report) {
        return report.policies().stream().flatMap(p -> p.indicators().stream())
                .collect(java.util.stream.Collectors.toMap(IndicatorProgress::id, i -> i));
    }

    /** Another module claiming scene 1, at a fixed value. */
    private static PolicyModule rival(String id, double value) {
        return module(id, Set.of("usage.scene1"), indicatorId -> IndicatorValue.of(value, 1, AS_OF));
    }

    /** A policy 1 module computing some indicators as a function gives them. */
    private static PolicyModule module(String id, Set<String> indicators,
            java.util.function.Function<String, IndicatorValue> value) {
        return module(id, indicators, value, List.of());
    }

    /** The same, proposing indicators for the plan. */
    private static PolicyModule module(String id, Set<String> indicators,
            java.util.function.Function<String, IndicatorValue> value, List<Indicator> proposals) {
        return new PolicyModule() {
            public String id() {
                return id;
            }

            public int basicPolicy() {
                return 1;
            }

            public LocalizedText name() {
                return LocalizedText.of(id, id);
            }

            public Set<String> indicatorIds() {
                return indicators;
            }

            public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
                return Optional.of(value.apply(indicatorId));
            }

            @Override
            public List<Indicator> proposedIndicators() {
                return proposals;
            }
        };
    }

    /** A report asks each module for all of its indicators in one call, so it can compute what they share once. */
    @Test
    void eachModuleIsAskedForAllItsIndicatorsAtOnce() {
        List<List<String>> asked = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger alone = new java.util.concurrent.atomic.AtomicInteger();
        PolicyModule batching = new PolicyModule() {
            public String id() {
                return "batching";
            }

            public int basicPolicy() {
                return 1;
            }

            public LocalizedText name() {
                return LocalizedText.of("batching", "batching");
            }

            public Set<String> indicatorIds() {
                return Set.of("usage.scene1", "usage.scene2", "not.in.the.plan");
            }

            public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
                alone.incrementAndGet();
                return Optional.empty();
            }

            @Override
            public Map<String, Optional<IndicatorValue>> values(java.util.Collection<String> ids, Scope scope,
                    FiscalYear fiscalYear) {
                asked.add(ids.stream().sorted().toList());
                Map<String, Optional<IndicatorValue>> out = new java.util.HashMap<>();
                ids.forEach(id -> out.put(id, Optional.of(new IndicatorValue(id.endsWith("1") ? 100.0 : 10.0, 5L,
                        java.time.Instant.now(), null, false))));
                return out;
            }
        };
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(),
                () -> 0L, coverage(80));
        progress.addModule(reference(1), batching);
        Map<String, IndicatorProgress> ids = byId(progress.report(FiscalYear.of(2025), Scope.city()));
        assertEquals(List.of(List.of("usage.scene1", "usage.scene2")), asked, "one call with the plan's indicators");
        assertEquals(0, alone.get(), "none asked alone");
        assertEquals(Status.MET, ids.get("usage.scene1").status());
        assertEquals(10.0, ids.get("usage.scene2").value());
    }

    @Test
    void whenModulesClaimOneIndicatorTheHighestRankedThenTheFirstComputesIt() {
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(), () -> 0L, coverage(80));
        progress.addModule(reference(1), new FakeUsage());
        progress.addModule(reference(2), rival("later", 42));
        assertEquals(100.0, byId(progress.report(FiscalYear.of(2025), Scope.city())).get("usage.scene1").value(),
                "the one registered first");
        progress.addModule(reference(3, 10), rival("ranked", 7));
        assertEquals(7.0, byId(progress.report(FiscalYear.of(2025), Scope.city())).get("usage.scene1").value(),
                "a higher service.ranking overrides");
        progress.removeModule(reference(3, 10));
        progress.removeModule(reference(1));
        assertEquals(42.0, byId(progress.report(FiscalYear.of(2025), Scope.city())).get("usage.scene1").value());
    }

    private static final PlanClock TODAY = PlanClock.fixedAt(java.time.LocalDate.of(2026, 11, 30));

    private static ProgressConfig coverage(int percent) {
        return config(percent, 0);
    }

    private static ProgressConfig config(int percent, int reuseSeconds) {
        return config(percent, reuseSeconds, 0);
    }

    private static ProgressConfig config(int percent, int reuseSeconds, int publicLagSeconds) {
        return new ProgressConfig() {
            @Override
            public int reuseSeconds() {
                return reuseSeconds;
            }

            @Override
            public int publicLagSeconds() {
                return publicLagSeconds;
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return ProgressConfig.class;
            }

            @Override
            public int minCoveragePercent() {
                return percent;
            }

            @Override
            public String reportFont() {
                return "";
            }
        };
    }

    /** The city's scene 1 share over the schools that reported: 100 % of 1 school, or of 9. */
    private static PolicyModule reporting(int schools) {
        return module("usage", Set.of("usage.scene1", "usage.scene2"), indicatorId -> new IndicatorValue(
                indicatorId.equals("usage.scene1") ? 100 : 20, (long) schools, null, null, false,
                Coverage.schools(schools, 11)));
    }

    @Test
    void aShareOverTooFewOfTheSchoolsExpectedIsInsufficientDataNotMet() {
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(), () -> 0L, coverage(80));
        progress.addModule(reference(1), reporting(1));
        IndicatorProgress one = byId(progress.report(FiscalYear.of(2025), Scope.city())).get("usage.scene1");
        assertEquals(Status.INSUFFICIENT_DATA, one.status(), "1 of 11 schools reported");
        assertEquals(100.0, one.value(), "the value is still shown");
        assertEquals(Coverage.schools(1, 11), one.coverage());
        assertEquals(9.1, one.coverage().share());
        assertEquals(Status.INSUFFICIENT_DATA, byId(progress.report(FiscalYear.of(2025), Scope.city()))
                .get("usage.scene2").status(), "no verdict either way");

        ProgressServiceImpl enough = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(), () -> 0L, coverage(80));
        enough.addModule(reference(1), reporting(9));
        assertEquals(Status.MET, byId(enough.report(FiscalYear.of(2025), Scope.city())).get("usage.scene1").status(),
                "9 of 11 = 81.8 % is enough at the default 80 %");
        ProgressServiceImpl strict = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(), () -> 0L, coverage(90));
        strict.addModule(reference(1), reporting(9));
        assertEquals(Status.INSUFFICIENT_DATA, byId(strict.report(FiscalYear.of(2025), Scope.city()))
                .get("usage.scene1").status(), "the minimum is configured");
    }

    @Test
    void eachIndicatorIsComputedOncePerReportHoweverManyItemsItIsTheEvidenceOf() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PolicyModule counting = module("usage", Set.of("usage.scene2"), indicatorId -> {
            calls.incrementAndGet();
            return IndicatorValue.of(60, 8, AS_OF);
        });
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(), () -> 0L, coverage(80));
        progress.addModule(reference(1), counting);
        ProgressReport report = progress.report(FiscalYear.of(2025), Scope.city());
        // usage.scene2 is policy 1's, and the evidence of P1-S1 and P1-S2: three mentions, one computation.
        assertEquals(1, calls.get());
        assertEquals(3, report.policies().get(0).indicators().stream().filter(i -> i.id().equals("usage.scene2")).count()
                + report.policies().get(0).measures().stream().flatMap(m -> m.actionItems().stream())
                        .flatMap(i -> i.indicators().stream()).filter(i -> i.id().equals("usage.scene2")).count());
    }

    @Test
    void aReportIsReusedUntilAWriteIsRecordedOrTheModulesChange() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PolicyModule counting = module("usage", Set.of("usage.scene2"), indicatorId -> {
            calls.incrementAndGet();
            return IndicatorValue.of(60, 8, AS_OF);
        });
        java.util.concurrent.atomic.AtomicLong mark = new java.util.concurrent.atomic.AtomicLong(7);
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(),
                mark::get, config(80, 60));
        progress.addModule(reference(1), counting);
        ProgressReport first = progress.report(FiscalYear.of(2025), Scope.city());
        for (int i = 0; i < 5; i++) {
            assertSame(first, progress.report(FiscalYear.of(2025), Scope.city()), "nothing changed: the same report");
        }
        assertEquals(1, calls.get());
        progress.report(FiscalYear.of(2025), Scope.school("S-E01"));
        progress.report(FiscalYear.of(2025), Scope.school("S-E02"));
        assertEquals(3, calls.get(), "each school is a report of its own");
        mark.incrementAndGet();
        ProgressReport second = progress.report(FiscalYear.of(2025), Scope.city());
        assertNotSame(first, second, "a write was recorded");
        assertEquals(4, calls.get());
        assertSame(second, progress.report(FiscalYear.of(2025), Scope.city()));
        progress.addModule(reference(2), new FakeUsage());
        assertNotSame(second, progress.report(FiscalYear.of(2025), Scope.city()), "a module came");
    }

    @Test
    void callersQueuedBehindAComputationShareItsSuccessorWhileWritesKeepComing() throws Exception {
        java.util.concurrent.atomic.AtomicLong mark = new java.util.concurrent.atomic.AtomicLong(7);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PolicyModule slow = module("usage", Set.of("usage.scene2"), indicatorId -> {
            // A write lands while every computation runs.
            mark.incrementAndGet();
            if (calls.incrementAndGet() == 1) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return IndicatorValue.of(60, 8, AS_OF);
        });
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(),
                mark::get, config(80, 60));
        progress.addModule(reference(1), slow);
        List<Thread> callers = new java.util.ArrayList<>();
        Thread first = new Thread(() -> progress.report(FiscalYear.of(2025), Scope.city()));
        first.start();
        inside.await();
        for (int i = 0; i < 5; i++) {
            callers.add(new Thread(() -> progress.report(FiscalYear.of(2025), Scope.city())));
        }
        callers.forEach(Thread::start);
        Thread.sleep(200);
        release.countDown();
        first.join();
        for (Thread t : callers) {
            t.join();
        }
        // The five came after the first computation's write: one more computation answers them all.
        assertEquals(2, calls.get());
    }

    @Test
    void thePublicRollUpMayLagBehindWritesByItsAllowanceALoggedInCallerNever() {
        java.util.concurrent.atomic.AtomicLong mark = new java.util.concurrent.atomic.AtomicLong(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PolicyModule counting = module("usage", Set.of("usage.scene2"), indicatorId -> {
            calls.incrementAndGet();
            return IndicatorValue.of(60, 8, AS_OF);
        });
        ProgressServiceImpl lagging = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(),
                mark::get, config(80, 60, 3600));
        lagging.addModule(reference(1), counting);
        var first = lagging.publicReport(FiscalYear.of(2025));
        mark.incrementAndGet();
        assertSame(first, lagging.publicReport(FiscalYear.of(2025)), "within its allowance, a write does not recompute");
        assertEquals(1, calls.get());
        assertNotSame(first, lagging.report(FiscalYear.of(2025), Scope.city()), "a logged-in caller sees the write");
        assertEquals(2, calls.get());

        ProgressServiceImpl fresh = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(),
                mark::get, config(80, 60, 0));
        fresh.addModule(reference(1), counting);
        var before = fresh.publicReport(FiscalYear.of(2025));
        mark.incrementAndGet();
        assertNotSame(before, fresh.publicReport(FiscalYear.of(2025)), "no allowance: the public sees each write");
    }

    @Test
    void anActionItemWithoutAnyComputedIndicatorIsFlagged() {
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(), () -> 0L, coverage(80));
        progress.addModule(reference(1), new FakeUsage());
        Map<String, Boolean> live = progress.report(FiscalYear.of(2025), Scope.city()).policies().stream()
                .flatMap(p -> p.measures().stream()).flatMap(m -> m.actionItems().stream())
                .collect(java.util.stream.Collectors.toMap(ItemProgress::id, ItemProgress::liveSource));
        assertTrue(live.get("P1-S1"), "usage computes its scenes");
        assertTrue(!live.get("P2-B1"), "no training module here");
    }

    @Test
    void withoutModulesEveryIndicatorSaysNoModule() {
        ProgressReport report = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(), () -> 0L, coverage(80)).report(FiscalYear.of(2025), Scope.city());
        assertEquals(4, report.policies().size());
        assertEquals(plan.indicators().size(), byId(report).size());
        assertTrue(byId(report).values().stream().allMatch(i -> i.status() == Status.NO_MODULE));
        assertEquals(13, report.policies().stream().flatMap(p -> p.measures().stream())
                .flatMap(m -> m.actionItems().stream()).count());
    }

    /**
     * What modules propose for the plan is offered while they are installed and until the plan holds it; a proposal
     * outside the proposing module's ids is not offered.
     */
    @Test
    void modulesProposeTheirOwnIndicatorsTheBoardHasNotAddedYet() {
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(),
                () -> 0L, coverage(80));
        Indicator own = proposed("literacy.lessons", "literacy");
        Indicator held = proposed("usage.scene1", "literacy");
        Indicator another = proposed("usage.scene9", "usage");
        progress.addModule(reference(1), proposing("literacy", List.of(own, held, another)));
        assertEquals(List.of("literacy.lessons"), progress.proposals(plan).stream().map(Indicator::id).toList());
        progress.addModule(reference(2), proposing("usage", List.of(proposed("usage.scene1", "usage"),
                proposed("usage.cases2", "usage"))));
        assertEquals(List.of("literacy.lessons", "usage.cases2"),
                progress.proposals(plan).stream().map(Indicator::id).toList(), "what the plan holds is not proposed");
        progress.removeModule(reference(1));
        assertEquals(List.of("usage.cases2"), progress.proposals(plan).stream().map(Indicator::id).toList(),
                "a module gone takes its proposals with it");
    }

    /**
     * The unit an indicator's values come in is its module's: the one a module listing it proposes, else the shipped
     * plan's for a shipped indicator (installed or not), else the plan's; an indicator no module is known to compute
     * has none, and the board may change its unit.
     */
    @Test
    void anIndicatorAModuleComputesComesInTheUnitItsModuleProposesOrTheShippedPlanGives() {
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), new Switches(), TODAY, new ModuleContracts(),
                () -> 0L, coverage(80));
        assertEquals(Optional.of(new IndicatorEditor.Computed("usage", "%")), progress.computed("usage.scene1", plan),
                "the shipped plan's, with usage not installed");
        assertEquals(Optional.empty(), progress.computed("board.visits", plan), "no module computes it");
        Indicator counted = new Indicator("literacy.lessons", 1, "literacy", LocalizedText.of("授業", "Lessons"), null,
                "件", IndicatorSubject.SCHOOL, null, null, null);
        progress.addModule(reference(1), module("literacy", Set.of("literacy.lessons", "literacy.rate"),
                id -> IndicatorValue.of(1, 1, AS_OF), List.of(counted)));
        progress.addModule(reference(2), new FakeUsage());
        assertEquals(Optional.of(new IndicatorEditor.Computed("literacy", "件")),
                progress.computed("literacy.lessons", plan), "as proposed");
        Plan holding = IndicatorEditor.addIndicator(plan, new IndicatorEditor.IndicatorInput("literacy.rate", 1,
                "literacy", LocalizedText.of("率", "Rate"), null, "%", IndicatorSubject.SCHOOL, null, null, null));
        assertEquals(Optional.of(new IndicatorEditor.Computed("literacy", "%")),
                progress.computed("literacy.rate", holding), "not proposed: the plan's");
        assertEquals(Optional.of(new IndicatorEditor.Computed("usage", "%")), progress.computed("usage.scene1", plan));
    }

    private static Indicator proposed(String id, String module) {
        return new Indicator(id, 1, module, LocalizedText.of(id, id), null, "%", IndicatorSubject.SCHOOL, null, null,
                null);
    }

    private static PolicyModule proposing(String id, List<Indicator> proposals) {
        return module(id, Set.of(), indicatorId -> IndicatorValue.of(1, 1, AS_OF), proposals);
    }

    @Test
    void installedModuleValuesAreComparedWithTheirTargets() {
        Switches switches = new Switches();
        ProgressServiceImpl progress = new ProgressServiceImpl(plans(), switches, TODAY, new ModuleContracts(), () -> 0L, coverage(80));
        progress.addModule(reference(1), new FakeUsage());
        ProgressReport report = progress.report(FiscalYear.of(2025), Scope.city());
        Map<String, IndicatorProgress> ids = byId(report);
        assertEquals(Status.MET, ids.get("usage.scene1").status());
        assertEquals(100.0, ids.get("usage.scene1").value());
        assertEquals(Status.BELOW, ids.get("usage.scene2").status());
        assertEquals(Status.NO_DATA, ids.get("usage.scene3").status());
        assertEquals(Status.ERROR, ids.get("usage.scene4").status());
        assertTrue(ids.get("usage.scene4").note().en().contains("database gone"));
        assertEquals(Status.NO_MODULE, ids.get("usage.scene5").status());
        assertEquals(Status.NO_MODULE, ids.get("training.category-a").status());
        assertTrue(report.demo(), "a demo value marks the report as demo");
        assertTrue(ids.get("usage.scene1").demo(), "and the value itself");
        assertTrue(!ids.get("usage.scene2").demo());
        assertEquals(List.of("usage"), report.policies().get(0).modules());
        // Action items carry the same evidence as their policy's indicators.
        IndicatorProgress viaItem = report.policies().get(0).measures().get(0).actionItems().stream()
                .flatMap(i -> i.indicators().stream()).filter(i -> i.id().equals("usage.scene2")).findFirst().orElseThrow();
        assertEquals(Status.BELOW, viaItem.status());

        assertEquals(Status.BELOW, byId(progress.report(FiscalYear.of(2025), Scope.school("S-E01"))).get("usage.scene1")
                .status());

        // Switched off for one school: that school's report says so, other schools and the city are as before.
        switches.set("usage", "S-E01", false, "test");
        assertEquals(Status.DISABLED, byId(progress.report(FiscalYear.of(2025), Scope.school("S-E01")))
                .get("usage.scene1").status());
        assertEquals(Status.NO_MODULE, byId(progress.report(FiscalYear.of(2025), Scope.school("S-E01")))
                .get("training.category-a").status());
        assertEquals(Status.BELOW, byId(progress.report(FiscalYear.of(2025), Scope.school("S-E02")))
                .get("usage.scene1").status());
        assertEquals(Status.MET, byId(progress.report(FiscalYear.of(2025), Scope.city())).get("usage.scene1").status());

        progress.removeModule(reference(1));
        assertEquals(Status.NO_MODULE, byId(progress.report(FiscalYear.of(2025), Scope.city())).get("usage.scene1").status());
        assertEquals(List.of(), progress.modules());
    }

    /** Module switches in memory. */
    private static final class Switches implements ModuleEnablement {
        private final Set<String> off = new java.util.HashSet<>();

        @Override
        public boolean isEnabled(String moduleId, String schoolId) {
            return !off.contains(moduleId + "/" + schoolId);
        }

        @Override
        public Set<String> disabledSchools(String moduleId) {
            return off.stream().filter(k -> k.startsWith(moduleId + "/")).map(k -> k.substring(moduleId.length() + 1))
                    .collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public boolean set(String moduleId, String schoolId, boolean enabled, String by) {
            String key = moduleId + "/" + schoolId;
            boolean before = !off.contains(key);
            if (enabled) {
                off.remove(key);
            } else {
                off.add(key);
            }
            return before;
        }
    }

    /** Just enough of a service reference to be ordered and told apart. */
    private static ServiceReference<PolicyModule> reference(long id) {
        return reference(id, 0);
    }

    /** A service reference ordered as OSGi orders them: by ranking, then the higher id (later) is the lesser. */
    private static ServiceReference<PolicyModule> reference(long id, int ranking) {
        return new ServiceReference<>() {
            @Override
            public Object getProperty(String key) {
                return "service.id".equals(key) ? (Object) id : "service.ranking".equals(key) ? (Object) ranking : null;
            }

            @Override
            public String[] getPropertyKeys() {
                return new String[] { "service.id" };
            }

            @Override
            public Bundle getBundle() {
                return null;
            }

            @Override
            public Bundle[] getUsingBundles() {
                return new Bundle[0];
            }

            @Override
            public boolean isAssignableTo(Bundle bundle, String className) {
                return true;
            }

            @Override
            public int compareTo(Object other) {
                ServiceReference<?> o = (ServiceReference<?>) other;
                int byRanking = Integer.compare(ranking, (Integer) o.getProperty("service.ranking"));
                return byRanking != 0 ? byRanking : Long.compare((Long) o.getProperty("service.id"), id);
            }

            @Override
            public Dictionary<String, Object> getProperties() {
                return new Hashtable<>(Map.of("service.id", id));
            }

            @Override
            public <A> A adapt(Class<A> type) {
                return null;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof ServiceReference<?> r && Long.valueOf(id).equals(r.getProperty("service.id"));
            }

            @Override
            public int hashCode() {
                return Long.hashCode(id);
            }
        };
    }

}
