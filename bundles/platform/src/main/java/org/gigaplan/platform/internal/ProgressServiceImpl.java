package org.gigaplan.platform.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.time.Duration;

import org.gigaplan.plan.model.ActionItem;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.model.Target;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressReport.IndicatorProgress;
import org.gigaplan.plan.service.ProgressReport.ItemProgress;
import org.gigaplan.plan.service.ProgressReport.MeasureProgress;
import org.gigaplan.plan.service.ProgressReport.PolicyProgress;
import org.gigaplan.plan.service.ProgressReport.Status;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.spi.Health;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls the plan up with whatever policy modules are installed right now. A value over those that reported is
 * judged against its target only when enough of those expected reported ({@link ProgressConfig}).
 *
 * <p>Reports are reused while nothing they depend on changed: no write was recorded by any node since (the audit
 * log's {@linkplain AuditLogImpl#writeMark() write mark}), the plan, the installed modules and the day are the same,
 * and the report is younger than {@link ProgressConfig#reuseSeconds()}. So the public roll-up costs a query of the
 * mark, not every module's figures, between writes; concurrent callers of one report wait for one computation.
 */
@Component(service = { ProgressService.class, ProgressServiceImpl.class }, configurationPid = ProgressConfig.PID)
@Designate(ocd = ProgressConfig.class)
public class ProgressServiceImpl implements ProgressService {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressServiceImpl.class);
    private static final LocalizedText NO_MODULE_NOTE = LocalizedText.of("担当モジュールが導入されていません",
            "No module installed computes this indicator");

    private static final LocalizedText DISABLED_NOTE = LocalizedText.of("この学校ではモジュールが停止されています",
            "The board has switched this module off for the school");

    private final PlanService plans;
    private final ModuleEnablement enablement;
    private final PlanClock clock;
    private final int minCoverage;
    private final ModuleContracts contracts;
    private final LongSupplier writeMark;
    private final Duration reuse;
    private final Duration publicLag;
    /** Bumped whenever a module comes or goes: reports computed before are not reused. */
    private final AtomicLong moduleGeneration = new AtomicLong();
    private final Map<ReportKey, Reused> reports = Collections.synchronizedMap(Lru.map(MAX_REPORTS));
    private final Map<ReportKey, Object> computing = new ConcurrentHashMap<>();

    static final int MAX_REPORTS = 2_000;

    private record ReportKey(int fiscalYear, String schoolId) {
    }

    /** What a report was computed from: it is reused only while all of it is the same. */
    private record Basis(long writeMark, String planDataVersion, long modules, java.time.LocalDate today) {

        boolean sameOtherwise(String planDataVersion, long modules, java.time.LocalDate today) {
            return this.planDataVersion.equals(planDataVersion) && this.modules == modules && this.today.equals(today);
        }
    }

    private record Reused(Basis basis, long computedAtNanos, ProgressReport report) {
    }

    /** Module pages and proposed indicators found outside their place, logged once each. */
    private final Set<String> loggedOnce = ConcurrentHashMap.newKeySet();

    /** In OSGi's order of service references: ascending, so the last is the highest ranked, then the earliest. */
    private final ConcurrentSkipListMap<ServiceReference<PolicyModule>, PolicyModule> modules = new ConcurrentSkipListMap<>();

    @Activate
    public ProgressServiceImpl(@Reference PlanService plans, @Reference ModuleEnablement enablement,
            @Reference PlanClock clock, @Reference ModuleContracts contracts, @Reference AuditLogImpl audit,
            ProgressConfig config) {
        this(plans, enablement, clock, contracts, audit::writeMark, config);
    }

    ProgressServiceImpl(PlanService plans, ModuleEnablement enablement, PlanClock clock, ModuleContracts contracts,
            LongSupplier writeMark, ProgressConfig config) {
        this.contracts = contracts;
        this.plans = plans;
        this.enablement = enablement;
        this.clock = clock;
        this.minCoverage = config.minCoveragePercent();
        this.writeMark = writeMark;
        this.reuse = Duration.ofSeconds(Math.max(0, config.reuseSeconds()));
        this.publicLag = Duration.ofSeconds(Math.max(0, config.publicLagSeconds()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModule(ServiceReference<PolicyModule> ref, PolicyModule module) {
        modules.put(ref, module);
        moduleGeneration.incrementAndGet();
        if (!contracts.admit(ref.getBundle(), module.id())) {
            return;
        }
        LOG.info("Policy module {} (basic policy {}) is in", module.id(), module.basicPolicy());
        List<PolicyModule> installed = installed();
        for (String indicator : module.indicatorIds()) {
            List<String> claiming = installed.stream().filter(m -> m.indicatorIds().contains(indicator))
                    .map(PolicyModule::id).toList();
            if (claiming.size() > 1) {
                LOG.warn("Policy modules {} all compute indicator {}: {} is used (the highest service.ranking, then "
                        + "the one registered first)", claiming, indicator, claiming.get(0));
            }
        }
    }

    /** The installed modules, the one that computes an indicator several claim first. */
    private List<PolicyModule> installed() {
        return modules.descendingMap().entrySet().stream().filter(e -> !contracts.isRefused(e.getKey().getBundle()))
                .map(Map.Entry::getValue).toList();
    }

    void removeModule(ServiceReference<PolicyModule> ref) {
        PolicyModule gone = modules.remove(ref);
        moduleGeneration.incrementAndGet();
        contracts.leave(ref.getBundle());
        if (gone != null) {
            LOG.info("Policy module {} is out; its indicators show as not installed", gone.id());
        }
    }

    @Override
    public List<ModuleInfo> modules() {
        List<ModuleInfo> out = new ArrayList<>();
        modules.forEach((ref, m) -> {
            Bundle bundle = ref.getBundle();
            if (!contracts.isRefused(bundle)) {
                out.add(new ModuleInfo(m.id(), m.basicPolicy(), m.name(), bundle == null ? "" : bundle.getSymbolicName(),
                        bundle == null ? "" : bundle.getVersion().toString(), m.indicatorIds().stream().sorted().toList(),
                        health(m)));
            }
        });
        out.sort(Comparator.comparingInt(ModuleInfo::basicPolicy).thenComparing(ModuleInfo::id));
        return out;
    }

    /** A module's dashboard page. */
    public record ModulePage(String module, int basicPolicy, LocalizedText name, String page) {
    }

    /**
     * The dashboard pages of the installed modules on for a school (null: every installed module), by basic policy
     * then id. A page outside the module's own place is left out, and logged once.
     */
    public List<ModulePage> pages(String schoolId) {
        List<ModulePage> out = new ArrayList<>();
        modules.forEach((ref, m) -> {
            if (contracts.isRefused(ref.getBundle()) || schoolId != null && !enablement.isEnabled(m.id(), schoolId)) {
                return;
            }
            m.dashboardPage().ifPresent(page -> ModuleContracts.pageProblem(m.id(), page).ifPresentOrElse(problem -> {
                if (loggedOnce.add(m.id() + " " + page)) {
                    LOG.warn("The dashboard page of policy module {} is not offered: {}", m.id(), problem);
                }
            }, () -> out.add(new ModulePage(m.id(), m.basicPolicy(), m.name(), page))));
        });
        out.sort(Comparator.comparingInt(ModulePage::basicPolicy).thenComparing(ModulePage::module));
        return out;
    }

    /**
     * The indicators installed modules propose that a plan does not hold yet, by basic policy then id; a proposal
     * outside its module's ids is left out, and logged once, as is a proposal that fails to be made.
     */
    public List<Indicator> proposals(Plan plan) {
        Map<String, Indicator> out = new java.util.TreeMap<>();
        modules.forEach((ref, m) -> {
            if (contracts.isRefused(ref.getBundle())) {
                return;
            }
            List<Indicator> proposed;
            try {
                proposed = m.proposedIndicators();
            } catch (RuntimeException e) {
                if (loggedOnce.add(m.id() + " proposals")) {
                    LOG.warn("Policy module {} failed to propose its indicators", m.id(), e);
                }
                return;
            }
            for (Indicator i : proposed) {
                ModuleContracts.proposalProblem(m.id(), i).ifPresentOrElse(problem -> {
                    if (loggedOnce.add(m.id() + " " + i.id())) {
                        LOG.warn("An indicator policy module {} proposes is not offered: {}", m.id(), problem);
                    }
                }, () -> {
                    if (plan.indicator(i.id()).isEmpty()) {
                        out.putIfAbsent(i.id(), i);
                    }
                });
            }
        });
        return out.values().stream().sorted(Comparator.comparingInt(Indicator::policy).thenComparing(Indicator::id))
                .toList();
    }

    /**
     * The module computing an indicator and the unit its values come in: an installed module listing it in
     * {@link PolicyModule#indicatorIds()}, in the unit it proposes for it, else in the shipped plan's (the shipped
     * modules compute those in it), else in the plan's; with none installed, the shipped plan's indicators are still
     * their shipped module's, in its unit. Empty for an indicator no module is known to compute (the board's own),
     * whose unit the board may change.
     */
    public Optional<IndicatorEditor.Computed> computed(String indicatorId, Plan plan) {
        Optional<Indicator> shipped = PlanReader.shipped().indicator(indicatorId);
        Optional<PolicyModule> module = installed().stream().filter(m -> m.indicatorIds().contains(indicatorId))
                .findFirst();
        if (module.isEmpty()) {
            return shipped.map(i -> new IndicatorEditor.Computed(i.module(), i.unit()));
        }
        PolicyModule m = module.get();
        Optional<String> proposed;
        try {
            proposed = m.proposedIndicators().stream().filter(i -> i.id().equals(indicatorId)
                    && ModuleContracts.proposalProblem(m.id(), i).isEmpty()).map(Indicator::unit)
                    .filter(u -> u != null && !u.isBlank()).findFirst();
        } catch (RuntimeException e) {
            proposed = Optional.empty();
        }
        return proposed.or(() -> shipped.map(Indicator::unit)).or(() -> plan.indicator(indicatorId).map(
                Indicator::unit)).map(unit -> new IndicatorEditor.Computed(m.id(), unit.trim()));
    }

    private static Health health(PolicyModule m) {
        try {
            return m.health();
        } catch (RuntimeException e) {
            return Health.down(e.toString());
        }
    }

    @Override
    public ProgressReport report(FiscalYear fiscalYear, Scope scope) {
        return report(fiscalYear, scope, Duration.ZERO);
    }

    @Override
    public ProgressReport publicReport(FiscalYear fiscalYear) {
        return report(fiscalYear, Scope.city(), publicLag);
    }

    /** The report, reused although writes came in since when it is at most {@code staleFor} old. */
    private ProgressReport report(FiscalYear fiscalYear, Scope scope, Duration staleFor) {
        if (reuse.isZero()) {
            return compute(fiscalYear, scope);
        }
        ReportKey key = new ReportKey(fiscalYear.year(), scope.schoolId());
        // The writes this call must see: those recorded before it came. Callers queued behind one computation take a
        // report computed from a mark at least this new, so a stream of writes does not make each of them compute
        // again in turn.
        long arrived = writeMark.getAsLong();
        // A report that answers this call is taken without queueing behind a computation for others.
        Reused recent = reports.get(key);
        if (recent != null && reusable(recent, arrived, staleFor)) {
            return recent.report();
        }
        synchronized (computing.computeIfAbsent(key, k -> new Object())) {
            Reused known = reports.get(key);
            if (known != null && reusable(known, arrived, staleFor)) {
                return known.report();
            }
            // Read before computing: a write committed meanwhile moves the mark past it, and later callers recompute.
            Basis basis = new Basis(writeMark.getAsLong(), plans.plan().dataVersion(), moduleGeneration.get(),
                    clock.today());
            ProgressReport report = compute(fiscalYear, scope);
            reports.put(key, new Reused(basis, System.nanoTime(), report));
            return report;
        }
    }

    /**
     * Whether a report may answer a call that came at write mark {@code arrived}: no write since (or it is at most
     * {@code staleFor} old), the same plan, modules and day, and younger than the longest reuse.
     */
    private boolean reusable(Reused known, long arrived, Duration staleFor) {
        long age = System.nanoTime() - known.computedAtNanos();
        return (known.basis().writeMark() >= arrived || age <= staleFor.toNanos()) && age < reuse.toNanos()
                && known.basis().sameOtherwise(plans.plan().dataVersion(), moduleGeneration.get(), clock.today());
    }

    private ProgressReport compute(FiscalYear fiscalYear, Scope scope) {
        Plan plan = plans.plan();
        ActionPlan actionPlan = plan.actionPlan(fiscalYear.year()).orElseThrow(
                () -> new IllegalArgumentException("no action plan for " + fiscalYear));
        List<PolicyModule> installed = installed();
        // Every indicator the report shows (its policies' and its items'), each computed once, and each module's
        // asked for at once: a module's indicators often share one computation.
        Set<Integer> policyNumbers = actionPlan.policies().stream().map(p -> p.number()).collect(Collectors.toSet());
        Map<String, Indicator> shown = new LinkedHashMap<>();
        plan.indicators().stream().filter(i -> policyNumbers.contains(i.policy())).forEach(i -> shown.put(i.id(), i));
        actionPlan.policies().stream().flatMap(p -> p.measures().stream()).flatMap(m -> m.actionItems().stream())
                .flatMap(item -> item.indicatorIds().stream()).map(plan::indicator).flatMap(Optional::stream)
                .forEach(i -> shown.putIfAbsent(i.id(), i));
        Map<String, IndicatorProgress> evaluated = evaluate(shown.values(), installed, scope, fiscalYear);
        Function<Indicator, IndicatorProgress> value = i -> evaluated.get(i.id());
        List<PolicyProgress> policies = actionPlan.policies().stream().map(policy -> new PolicyProgress(
                policy.number(), policy.title(),
                installed.stream().filter(m -> m.basicPolicy() == policy.number()).map(PolicyModule::id).sorted().toList(),
                plan.indicators().stream().filter(i -> i.policy() == policy.number()).map(value).toList(),
                policy.measures().stream().map(measure -> new MeasureProgress(measure.code(), measure.number(),
                        measure.title(), measure.actionItems().stream().map(item -> item(item, plan, value))
                                .toList()))
                        .toList()))
                .toList();
        boolean demo = policies.stream().flatMap(p -> p.indicators().stream()).anyMatch(IndicatorProgress::demo);
        return new ProgressReport(fiscalYear.year(), fiscalYear.label(), scope.schoolId(), clock.now(), demo,
                policies);
    }

    private static ItemProgress item(ActionItem item, Plan plan, Function<Indicator, IndicatorProgress> value) {
        List<IndicatorProgress> indicators = item.indicatorIds().stream().map(plan::indicator).flatMap(Optional::stream)
                .map(value).toList();
        boolean live = indicators.stream().anyMatch(i -> i.status() != Status.NO_MODULE);
        return new ItemProgress(item.id(), item.actor(), item.priority(), item.text(), indicators, live);
    }

    /** The indicators' progress: each module that computes some of them is asked for all of its own at once. */
    private Map<String, IndicatorProgress> evaluate(java.util.Collection<Indicator> indicators,
            List<PolicyModule> installed, Scope scope, FiscalYear fiscalYear) {
        Map<String, IndicatorProgress> out = new HashMap<>();
        Map<PolicyModule, List<Indicator>> byModule = new LinkedHashMap<>();
        for (Indicator indicator : indicators) {
            Target target = indicator.targetFor(fiscalYear).orElse(null);
            Optional<PolicyModule> module = installed.stream().filter(m -> m.indicatorIds().contains(indicator.id()))
                    .findFirst();
            if (module.isEmpty()) {
                out.put(indicator.id(), IndicatorProgress.of(indicator, target, Status.NO_MODULE, NO_MODULE_NOTE));
            } else if (!scope.isCity() && !enablement.isEnabled(module.get().id(), scope.schoolId())) {
                out.put(indicator.id(), IndicatorProgress.of(indicator, target, Status.DISABLED, DISABLED_NOTE));
            } else {
                byModule.computeIfAbsent(module.get(), m -> new ArrayList<>()).add(indicator);
            }
        }
        byModule.forEach((module, own) -> {
            try {
                Map<String, Optional<IndicatorValue>> values = module.values(own.stream().map(Indicator::id).toList(),
                        scope, fiscalYear);
                for (Indicator i : own) {
                    out.put(i.id(), judge(i, values.getOrDefault(i.id(), Optional.empty()), fiscalYear));
                }
            } catch (RuntimeException together) {
                // One failing indicator does not take the module's others with it: each is asked alone.
                for (Indicator i : own) {
                    try {
                        out.put(i.id(), judge(i, module.value(i.id(), scope, fiscalYear), fiscalYear));
                    } catch (RuntimeException e) {
                        LOG.warn("Module {} failed on indicator {}", module.id(), i.id(), e);
                        out.put(i.id(), IndicatorProgress.of(i, i.targetFor(fiscalYear).orElse(null), Status.ERROR,
                                LocalizedText.of("計算に失敗しました: " + e.getMessage(),
                                        "Computation failed: " + e.getMessage())));
                    }
                }
            }
        });
        return out;
    }

    /** A module's value judged against the indicator's target for the year. */
    private IndicatorProgress judge(Indicator indicator, Optional<IndicatorValue> value, FiscalYear fiscalYear) {
        Target target = indicator.targetFor(fiscalYear).orElse(null);
        if (value.isEmpty()) {
            return IndicatorProgress.of(indicator, target, Status.NO_DATA, null);
        }
        IndicatorValue v = value.get();
        Status status = switch (indicator.attainment(v.value(), fiscalYear)) {
            case MET -> Status.MET;
            case BELOW -> Status.BELOW;
            case NO_TARGET -> Status.NO_TARGET;
        };
        // A share over the few that reported says little of the many that did not: no verdict on it.
        if ((status == Status.MET || status == Status.BELOW) && v.coverage() != null
                && (v.coverage().share() == null || v.coverage().share() < minCoverage)) {
            return IndicatorProgress.of(indicator, target, v, Status.INSUFFICIENT_DATA);
        }
        return IndicatorProgress.of(indicator, target, v, status);
    }
}
