package org.gigaplan.platform.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.platform.internal.store.DemoRunStore;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: fills synthetic data through each installed module's demo hook, once per module and fiscal
 * year, in the background so start-up is not held up. {@code gigaplan:demo} runs it again on demand.
 */
@Component(service = DemoService.class, configurationPid = DemoConfig.PID, immediate = true)
@Designate(ocd = DemoConfig.class)
public class DemoService {

    private static final Logger LOG = LoggerFactory.getLogger(DemoService.class);
    /**
     * How long a node's claim on a module's year keeps other nodes from filling it: longer than any fill takes; a
     * node dying mid-fill leaves the year to the first start after it.
     */
    static final java.time.Duration CLAIM = java.time.Duration.ofMinutes(30);

    private final PlanClock clock;
    private final PlanService plans;
    private final SchoolService schools;
    private final ModuleEnablement enablement;
    private final DemoRunStore runs;
    private final DemoConfig config;
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Daemons.named("gigaplan-demo"));
    private final Map<String, PolicyModule> modules = new ConcurrentHashMap<>();

    @Activate
    public DemoService(@Reference SchoolService schools, @Reference PlanService plans,
            @Reference ModuleEnablement enablement, @Reference PlatformDatabase database, @Reference PlanClock clock,
            DemoConfig config) {
        this.clock = clock;
        this.plans = plans;
        this.schools = schools;
        this.enablement = enablement;
        this.runs = database.demoRuns();
        this.config = config;
        if (config.enabled()) {
            LOG.warn("DEMO MODE: synthetic data for fiscal years {} will be filled for every installed module; demo "
                    + "users demo-board, demo-school-e01, demo-school-j01, demo-teacher-e01 and the learner "
                    + "demo-s-e01-5-1-1@drill.example log in with the password 'demo' when "
                    + "GIGAPLAN_DEMO=true created them at start. Do not use this installation for real schools.",
                    fiscalYears());
        }
    }

    @Deactivate
    void deactivate() {
        // A fill in progress stops at its next progress report, never interrupted in the middle of a write.
        stopping = true;
        Daemons.stop(worker, "the demo data fill", java.time.Duration.ofSeconds(30));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModule(PolicyModule module) {
        modules.put(module.id(), module);
        // Dynamic references are bound after the constructor, so every module arrives here.
        if (config.enabled()) {
            for (FiscalYear fy : fiscalYears()) {
                submit(module, fy, false, LOG::info);
            }
        }
    }

    void removeModule(PolicyModule module) {
        modules.remove(module.id(), module);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The fiscal year demo data is for: configured, else the current one (filled up to today). */
    public FiscalYear fiscalYear() {
        return config.fiscalYear() != 0 ? FiscalYear.of(config.fiscalYear()) : clock.currentFiscalYear();
    }

    /**
     * The fiscal years demo mode fills, oldest first: the year before {@link #fiscalYear()} and that year, so a
     * newcomer sees live figures for the year the calendar is in and the change since the last.
     */
    public List<FiscalYear> fiscalYears() {
        return List.of(fiscalYear().previous(), fiscalYear());
    }

    public List<String> moduleIds() {
        return modules.keySet().stream().sorted().toList();
    }

    /**
     * Fills demo data now for the given modules (all when empty), even if filled before, reporting progress.
     *
     * @return the modules filled
     */
    public List<String> fillNow(FiscalYear fiscalYear, List<String> moduleIds, Consumer<String> progress)
            throws Exception {
        int first = plans.plan().firstCoveredYear();
        int last = Math.min(plans.plan().lastYear(), clock.currentFiscalYear().year());
        if (fiscalYear.year() < first || fiscalYear.year() > last) {
            // A year the modules refuse would be filled by some of them and not others.
            throw new InvalidInputException("fiscalYear", "demo data is for a year of the plan up to this one, FY"
                    + first + "–FY" + last + ", was " + fiscalYear.year(), "デモデータは計画の年度のうち今年度までです（FY"
                    + first + "–FY" + last + "、" + fiscalYear.year() + "でした）");
        }
        List<Future<?>> pending = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (PolicyModule m : modules.values()) {
            if (moduleIds.isEmpty() || moduleIds.contains(m.id())) {
                pending.add(submit(m, fiscalYear, true, progress));
                done.add(m.id());
            }
        }
        for (Future<?> f : pending) {
            f.get();
        }
        return done.stream().sorted().toList();
    }

    /** Demo fills asked for and not finished yet, for operators and tests waiting on them. */
    public int pendingFills() {
        return pending.get();
    }

    private Future<?> submit(PolicyModule module, FiscalYear fiscalYear, boolean again, Consumer<String> progress) {
        pending.incrementAndGet();
        return worker.submit(() -> {
            try {
                fill(module, fiscalYear, again, progress);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void fill(PolicyModule module, FiscalYear fiscalYear, boolean again, Consumer<String> progress) {
        if (!again && (runs.filled(module.id(), fiscalYear.year())
                || !runs.claim(module.id(), fiscalYear.year(), CLAIM))) {
            return;
        }
        // Schools the module is switched off for get no data from it, demo or not.
        List<School> directory = schools.all().stream()
                .filter(s -> enablement.isEnabled(module.id(), s.id())).toList();
        RandomGenerator random = new SplittableRandom(config.seed() ^ module.id().hashCode() ^ fiscalYear.year());
        progress.accept("Filling demo data for " + module.id() + ", " + fiscalYear + ", " + directory.size()
                + " schools");
        long started = System.nanoTime();
        try {
            module.fillDemoData(new Context(fiscalYear, directory, random, m -> {
                if (stopping) {
                    throw new java.util.concurrent.CancellationException("the platform is stopping");
                }
                progress.accept(module.id() + ": " + m);
            }));
        } catch (java.util.concurrent.CancellationException e) {
            if (!again) {
                runs.release(module.id(), fiscalYear.year());
            }
            LOG.info("Demo data for {} ({}) stopped half way as the platform stops: filled again at the next start",
                    module.id(), fiscalYear);
            return;
        } catch (RuntimeException | Error e) {
            if (!again) {
                runs.release(module.id(), fiscalYear.year());
            }
            // Nobody waits on the fills started by a module's arrival: say it here, or it is never seen.
            LOG.error("Demo data for {} ({}) failed: {}", module.id(), fiscalYear, e.toString(), e);
            throw e;
        }
        runs.record(module.id(), fiscalYear.year());
        progress.accept("Demo data for " + module.id() + " filled in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private record Context(FiscalYear fiscalYear, List<School> schools, RandomGenerator random,
            Consumer<String> listener) implements DemoContext {
        @Override
        public void progress(String message) {
            listener.accept(message);
        }
    }
}
