package org.gigaplan.platform.internal.notify;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Schedule;
import org.gigaplan.plan.notify.ScheduledJob;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.platform.internal.Daemons;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ScheduledJob}s the platform and the modules register, each once per due time for the whole
 * installation: every few seconds each node looks for due jobs, and runs one only when it took its lease in the
 * database. A due time missed while every node was down is run at the next start, once (not once per missed time),
 * and the next due time is counted from then. A node that dies mid-run leaves its lease to run out; another node
 * then runs the job again for that due time (jobs send notices by key, so nothing goes out twice).
 */
@Component(service = JobScheduler.class, immediate = true, configurationPid = NotifyConfig.PID)
public class JobScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    /** A job as {@code notify:jobs} and the board's page show it. */
    public record JobView(String id, LocalizedText name, String schedule, boolean installed, Instant nextRunAt,
            Instant lastStartedAt, Instant lastFinishedAt, Instant lastDueAt, String lastOutcome, String lastDetail,
            String lastNode, String runningOn) {
    }

    /** What one run came to. */
    public record Outcome(String id, boolean ran, String outcome, String detail) {
    }

    private final Database database;
    private final PlanClock clock;
    private final NotifyConfig config;
    private final String node;
    private final JobStore store = new JobStore();
    private final Map<String, ScheduledJob> jobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    @Activate
    public JobScheduler(@Reference Database database, @Reference PlanClock clock, NotifyConfig config) {
        this(database, clock, config, true);
    }

    JobScheduler(Database database, PlanClock clock, NotifyConfig config, boolean start) {
        this.database = database;
        this.clock = clock;
        this.config = config;
        this.node = nodeName(config);
        this.ticker = Daemons.scheduled("gigaplan-scheduler");
        if (start) {
            ticker.scheduleWithFixedDelay(this::tickQuietly, 10, config.tickSeconds(), TimeUnit.SECONDS);
        }
    }

    /** This node's name: as configured, else the host name and process id the JVM gives. */
    static String nodeName(NotifyConfig config) {
        String name = config.nodeName().isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : config.nodeName();
        return name.length() > 80 ? name.substring(0, 80) : name;
    }

    @Deactivate
    void stop() {
        Daemons.stop(ticker, "the job scheduler", java.time.Duration.ofSeconds(10));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addJob(ScheduledJob job) {
        if (!job.id().matches("[a-z][a-z0-9-]*\\.[a-z0-9.-]+") || job.id().length() > 80) {
            LOG.error("Scheduled job \"{}\" of {} not run: a job's id is <module id>.<name>", job.id(), job.getClass());
            return;
        }
        ScheduledJob before = jobs.putIfAbsent(job.id(), job);
        if (before != null && before != job) {
            LOG.error("Two scheduled jobs with the id {}: {} runs, {} does not", job.id(), before.getClass(),
                    job.getClass());
        }
    }

    void removeJob(ScheduledJob job) {
        jobs.remove(job.id(), job);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException | LinkageError e) {
            // Caught whatever it is: an executor runs a periodic task that threw never again.
            LOG.error("The scheduler could not look for due jobs", e);
        }
    }

    /** Runs every job that is due and whose lease this node takes. @return the runs */
    List<Outcome> tick() {
        List<Outcome> out = new ArrayList<>();
        for (ScheduledJob job : List.copyOf(jobs.values())) {
            Optional<Schedule> schedule = schedule(job);
            if (schedule.isEmpty()) {
                continue;
            }
            Instant now = clock.now();
            Instant nextRun = database.transactionRetrying(c -> {
                store.ensure(c, job.id(), schedule.get().toString(), schedule.get().next(now, clock.zone()));
                return store.job(c, job.id()).orElseThrow().nextRunAt();
            });
            if (!nextRun.isAfter(now)) {
                out.add(run(job, nextRun, true, schedule.get()));
            }
        }
        return out;
    }

    /**
     * Runs a job now, on demand (the board, the console): its schedule is left as it is. It runs on the scheduler's
     * thread, as a scheduled run does (each notice in a transaction of its own, not in the asking request's), and the
     * caller waits for it.
     */
    public Outcome runNow(String id) {
        ScheduledJob job = jobs.get(id);
        if (job == null) {
            throw new javax.ws.rs.NotFoundException("no scheduled job " + id + " is installed; see notify:jobs");
        }
        try {
            return ticker.submit(() -> {
                Instant now = clock.now();
                database.transactionRetrying(c -> {
                    Schedule s = schedule(job).orElse(null);
                    if (s != null) {
                        store.ensure(c, id, s.toString(), s.next(now, clock.zone()));
                    }
                    return null;
                });
                return run(job, now, false, null);
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while job " + id + " ran", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Optional<Schedule> schedule(ScheduledJob job) {
        try {
            return Optional.of(job.schedule());
        } catch (RuntimeException e) {
            LOG.error("Scheduled job {} not run: its schedule is wrong: {}", job.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private Outcome run(ScheduledJob job, Instant dueAt, boolean due, Schedule schedule) {
        Instant started = clock.now();
        Instant leaseUntil = started.plus(Duration.ofMinutes(config.leaseMinutes()));
        if (!database.transaction(c -> store.lease(c, job.id(), node, started, leaseUntil, due))) {
            return new Outcome(job.id(), false, "BUSY", "another node runs it or ran it for this due time");
        }
        LocalDate day = LocalDate.ofInstant(dueAt, clock.zone());
        String outcome;
        String detail;
        try {
            detail = job.run(new ScheduledJob.Run(dueAt, day, started));
            outcome = "OK";
            LOG.info("Job {} (due {}) done on {}: {}", job.id(), dueAt, node, detail);
        } catch (RuntimeException e) {
            outcome = "FAILED";
            detail = e.toString();
            LOG.error("Job {} (due {}) failed on {}", job.id(), dueAt, node, e);
        }
        Instant finished = clock.now();
        Instant next = due ? schedule.next(finished, clock.zone()) : null;
        String o = outcome;
        String d = detail;
        database.transaction(c -> {
            store.finish(c, job.id(), node, next, dueAt, finished, o, d);
            return null;
        });
        return new Outcome(job.id(), true, outcome, detail);
    }

    /** Every job known: those installed, and those run before whose module is not installed now. */
    public List<JobView> jobs() {
        Map<String, JobStore.JobRow> rows = new java.util.TreeMap<>();
        database.transaction(c -> store.jobs(c)).forEach(r -> rows.put(r.id(), r));
        List<JobView> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.TreeSet<>(rows.keySet());
        ids.addAll(jobs.keySet());
        Instant now = clock.now();
        for (String id : ids) {
            ScheduledJob job = jobs.get(id);
            JobStore.JobRow r = rows.get(id);
            String schedule = job != null ? schedule(job).map(Schedule::toString).orElse("?") : r.schedule();
            Instant next = r != null ? r.nextRunAt()
                    : job != null ? schedule(job).map(s -> s.next(now, clock.zone())).orElse(null) : null;
            String running = r != null && r.leaseUntil() != null && r.leaseUntil().isAfter(now) ? r.leaseOwner() : null;
            out.add(new JobView(id, job != null ? job.name() : LocalizedText.of(id, id), schedule, job != null, next,
                    r == null ? null : r.lastStartedAt(), r == null ? null : r.lastFinishedAt(),
                    r == null ? null : r.lastDueAt(), r == null ? null : r.lastOutcome(),
                    r == null ? null : r.lastDetail(), r == null ? null : r.lastNode(), running));
        }
        return out;
    }

    /** The kinds of notice the installed jobs send, in the jobs' order. */
    public List<org.gigaplan.plan.notify.NoticeKind> kinds() {
        return new java.util.TreeMap<>(jobs).values().stream().flatMap(j -> j.kinds().stream()).toList();
    }

    String node() {
        return node;
    }
}
