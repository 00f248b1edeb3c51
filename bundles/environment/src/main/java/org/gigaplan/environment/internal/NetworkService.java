package org.gigaplan.environment.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gigaplan.environment.internal.store.NetworkStore;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.spi.Percent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Policy 3's network monitoring: measurements stored all or none per batch; each school's status against the
 * recommended bandwidth for its enrollment; findings opened when a school falls below the problem threshold and
 * closed only when it recovers past the recovery threshold, so results around the line do not flap.
 */
@Component(service = NetworkService.class, configurationPid = EnvironmentConfig.PID)
@Designate(ocd = EnvironmentConfig.class)
public class NetworkService {

    public static final String MODULE_ID = "environment";

    public static final String CHANGELOG = "db/environment/changelog.xml";

    /** Where the schools are: their days, weeks and fiscal years. */

    public static final int MAX_BATCH = 5_000;

    private final Database db;
    private final SchoolService schools;
    private final ModuleEnablement enablement;
    private final PlanClock clock;
    private final EnvironmentConfig config;
    private final SchoolDay schoolDay;
    private final RecommendedBandwidth table = RecommendedBandwidth.shipped();
    private final NetworkStore store;
    private final NetworkStore.StatusBasis basis;

    /**
     * What a batch stored, and the findings it opened or closed: of its {@code measurements}, those {@code stored} now
     * and those {@code unchanged}, stored already with the same figures (sent again).
     */
    public record BatchResult(int measurements, int stored, int unchanged, List<Long> findingsOpened,
            List<Long> findingsClosed) {

        /** A batch that held no measurement (an agent's notice that is not a result). */
        public static BatchResult none() {
            return new BatchResult(0, 0, 0, List.of(), List.of());
        }
    }

    @Activate
    public NetworkService(@Reference Database db, @Reference SchoolService schools,
            @Reference ModuleEnablement enablement, @Reference PlanClock clock, EnvironmentConfig config) {
        if (config.recoveryPercent() <= config.problemPercent()) {
            throw new IllegalArgumentException("recoveryPercent (" + config.recoveryPercent()
                    + ") must be above problemPercent (" + config.problemPercent() + "), or findings would flap");
        }
        db.migrate(CHANGELOG, NetworkService.class.getClassLoader());
        this.db = db;
        this.schools = schools;
        this.enablement = enablement;
        this.clock = clock;
        this.config = config;
        this.schoolDay = SchoolDay.of(config.schoolDay());
        this.store = new NetworkStore(db, clock);
        this.basis = new NetworkStore.StatusBasis(config.windowDays(), config.classHoursOnly());
        keepStatuses();
    }

    /**
     * Counts every school's kept status again when what is kept was counted with another window, or does not cover
     * every school with measurements (the first start after an upgrade).
     */
    private void keepStatuses() {
        db.transactionRetrying(c -> {
            if (store.statusesKeptWith(c, basis)) {
                return null;
            }
            Map<String, Instant[]> spans = store.measuredSpans(c);
            store.lockSchools(c, spans.keySet());
            for (Map.Entry<String, Instant[]> e : spans.entrySet()) {
                FiscalYear first = FiscalYear.containing(e.getValue()[0], clock.zone());
                FiscalYear last = FiscalYear.containing(e.getValue()[1], clock.zone());
                for (FiscalYear fy = first; fy.year() <= last.year(); fy = fy.next()) {
                    keepStatus(c, e.getKey(), fy);
                }
            }
            return null;
        });
    }

    private void keepStatus(Connection c, String schoolId, FiscalYear fy) throws SQLException {
        store.keepStatus(c, schoolId, fy.year(), fy.startIn(clock.zone()), fy.endIn(clock.zone()), basis);
    }

    public RecommendedBandwidth table() {
        return table;
    }

    /** The platform's clock: today and the city's zone for every part of this module. */
    public PlanClock clock() {
        return clock;
    }

    public EnvironmentConfig config() {
        return config;
    }

    /**
     * Reads a stock speed-test agent's output (see {@link AgentResults}) as measurements of a school, received now;
     * whether each ran in class hours is left for {@link #record} to decide by its time.
     */
    public List<Measurement> agentOutput(Object output, String format, String point, String schoolId) {
        return AgentResults.read(output, format, point, clock.now().atOffset(java.time.ZoneOffset.UTC)).stream()
                .map(m -> new Measurement(schoolId, m.measuredAt(), m.downloadMbps(), m.uploadMbps(), m.latencyMs(),
                        m.lossPercent(), m.point(), null, m.devices()))
                .toList();
    }

    /**
     * Stores measurements, all or none, and opens or closes each affected school's finding. A measurement stored
     * already (its school, point and instant) is taken again unchanged when its figures are the same, and refuses the
     * batch with 409 when they are not (see {@link MeasurementResends}).
     */
    public BatchResult record(List<Measurement> input, String defaultSchool, String by, boolean demo) {
        Instant latest = clock.now().plusSeconds(300);
        List<StoredMeasurement> rows = MeasurementInput.rows(input, defaultSchool, demo, latest, schools,
                this::inClassHours);
        // The schools looked up before the transaction: no second connection while it holds one (the pool).
        Map<String, School> affected = new TreeMap<>();
        rows.forEach(r -> affected.computeIfAbsent(r.schoolId(), id -> schools.find(id).orElseThrow()));
        // Agents of one school report at once: each batch evaluates its schools alone (see lockSchools).
        return db.transactionRetrying(c -> {
            store.lockSchools(c, affected.keySet());
            // Under the schools' locks: no other writer adds their measurements until this one ends.
            List<StoredMeasurement> fresh = MeasurementResends.fresh(rows, storedAround(c, rows));
            // What each school's status is kept for: the years measured in, and the next ones, whose windows may
            // reach back into the year before (once they have begun: no measurement is later than latest).
            Map<String, Set<FiscalYear>> years = new TreeMap<>();
            for (StoredMeasurement r : fresh) {
                store.insert(c, r, by);
                FiscalYear fy = FiscalYear.containing(r.measuredAt(), clock.zone());
                Set<FiscalYear> kept = years.computeIfAbsent(r.schoolId(), k -> new TreeSet<>());
                kept.add(fy);
                if (!fy.next().startIn(clock.zone()).isAfter(latest)) {
                    kept.add(fy.next());
                }
            }
            for (Map.Entry<String, Set<FiscalYear>> e : years.entrySet()) {
                for (FiscalYear fy : e.getValue()) {
                    keepStatus(c, e.getKey(), fy);
                }
            }
            List<Long> opened = new ArrayList<>();
            List<Long> closed = new ArrayList<>();
            // A batch sent again changed nothing, and is told nothing new.
            for (School school : affected.values()) {
                if (years.containsKey(school.id())) {
                    evaluate(c, school, demo, opened, closed);
                }
            }
            return new BatchResult(rows.size(), fresh.size(), rows.size() - fresh.size(), opened, closed);
        });
    }

    /** The measurements stored at a batch's schools between its first and last time at each: one read a school. */
    private List<StoredMeasurement> storedAround(Connection c, List<StoredMeasurement> rows) throws SQLException {
        Map<String, Instant[]> spans = new TreeMap<>();
        for (StoredMeasurement r : rows) {
            Instant[] span = spans.computeIfAbsent(r.schoolId(), k -> new Instant[] { r.measuredAt(), r.measuredAt() });
            span[0] = r.measuredAt().isBefore(span[0]) ? r.measuredAt() : span[0];
            span[1] = r.measuredAt().isAfter(span[1]) ? r.measuredAt() : span[1];
        }
        List<StoredMeasurement> out = new ArrayList<>();
        for (Map.Entry<String, Instant[]> e : spans.entrySet()) {
            out.addAll(store.storedBetween(c, e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return out;
    }

    /** Opens a finding for a school fallen below the problem threshold, or closes one recovered past the other. */
    private void evaluate(Connection c, School school, boolean demo, List<Long> opened, List<Long> closed)
            throws SQLException {
        SchoolStatus status = status(school, store.keptStatus(c, school.id()).orElse(null),
                store.openFinding(c, school.id()).orElse(null));
        if (status.medianMbps() == null) {
            return;
        }
        double recommended = status.recommended().mbps();
        Optional<Long> open = Optional.ofNullable(status.openFinding());
        if (open.isEmpty() && status.medianMbps() < recommended * config.problemPercent() / 100.0) {
            opened.add(store.open(c, school.id(), status.windowEnd(), status.medianMbps(), recommended, demo));
        } else if (open.isPresent() && status.medianMbps() >= recommended * config.recoveryPercent() / 100.0) {
            store.close(c, open.get(), status.windowEnd(), status.medianMbps());
            closed.add(open.get());
        }
    }

    /** A school's status from what is kept for it (null: no measurements), against its recommended bandwidth. */
    private SchoolStatus status(School school, NetworkStore.KeptStatus kept, Long finding) {
        RecommendedBandwidth.Recommendation recommended = table.forEnrollment(school.enrollment());
        if (kept == null || kept.medianMbps() == null) {
            return new SchoolStatus(school.id(), school.name(), school.enrollment(), recommended, null, 0,
                    kept == null ? null : kept.newest(), SchoolStatus.State.NO_DATA, finding, false);
        }
        boolean meets = kept.medianMbps() >= recommended.mbps();
        return new SchoolStatus(school.id(), school.name(), school.enrollment(), recommended, kept.medianMbps(),
                kept.tests(), kept.newest(), meets ? SchoolStatus.State.MEETS : SchoolStatus.State.BELOW, finding,
                kept.demo());
    }

    /** Whether the school is in the directory. */
    public boolean knows(String schoolId) {
        return schoolId != null && schools.find(schoolId).isPresent();
    }

    /**
     * Every school's status now (or one school's): the window ending at its newest measurement, as kept when the
     * measurements came in.
     */
    public List<SchoolStatus> statuses(String schoolId) {
        return statuses(null, schoolId);
    }

    /** Statuses as kept for a fiscal year (as of each school's newest measurement of it), or now when null. */
    List<SchoolStatus> statuses(FiscalYear fy, String schoolId) {
        Set<String> off = schoolId == null ? enablement.disabledSchools(MODULE_ID) : Set.of();
        List<School> all = schools.all();
        return db.transaction(c -> {
            Map<String, NetworkStore.KeptStatus> kept = store.keptStatuses(c, fy == null ? null : fy.year(), schoolId);
            Map<String, Long> findings = schoolId == null ? store.openFindings(c) : new java.util.HashMap<>();
            if (schoolId != null) {
                store.openFinding(c, schoolId).ifPresent(id -> findings.put(schoolId, id));
            }
            List<SchoolStatus> out = new ArrayList<>();
            for (School s : all) {
                if ((schoolId == null || s.id().equals(schoolId)) && !off.contains(s.id())) {
                    out.add(status(s, kept.get(s.id()), findings.get(s.id())));
                }
            }
            return out;
        });
    }

    public List<StoredMeasurement> measurements(String schoolId, Instant from, Instant to) {
        return store.measurements(schoolId, from, to);
    }

    public List<Finding> findings(String schoolId, boolean openOnly) {
        return store.findings(schoolId, openOnly);
    }

    public Optional<Finding> finding(long id) {
        return store.finding(id);
    }

    /** Adds a cause, countermeasure or verification to a finding. */
    public Finding addNote(Finding f, String kind, String text, Long measurementId, String by) {
        FieldChecks check = new FieldChecks();
        Finding.NoteKind k = null;
        try {
            k = Finding.NoteKind.valueOf(kind == null ? "" : kind.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            check.add("kind", "one of CAUSE, COUNTERMEASURE, VERIFICATION, was \"" + kind + "\"",
                    "CAUSE（原因）・COUNTERMEASURE（対策）・VERIFICATION（検証）のいずれかにしてください（\"" + kind + "\"でした）");
        }
        check.text(text, true, 1000, "text");
        if (measurementId != null && !store.isMeasurementOf(measurementId, f.schoolId())) {
            check.add("measurementId", "no measurement " + measurementId + " of " + f.schoolId(),
                    f.schoolId() + " の測定 " + measurementId + " はありません");
        }
        check.throwIfAny();
        store.addNote(f.id(), k.name(), text.trim(), measurementId, by, clock.now());
        return finding(f.id()).orElseThrow();
    }

    /** Sets who acts on a finding (a name or a role, at most 200 characters; empty: none) and by when (or none). */
    public Finding assign(Finding f, String owner, java.time.LocalDate dueDate) {
        FieldChecks check = new FieldChecks();
        check.text(owner, false, 200, "owner");
        if (dueDate != null && dueDate.isBefore(LocalDate.ofInstant(f.openedAt(), clock.zone()))) {
            check.add("dueDate", "before the finding was opened (" + LocalDate.ofInstant(f.openedAt(), clock.zone())
                    + "), was " + dueDate, "指摘の日（" + LocalDate.ofInstant(f.openedAt(), clock.zone()) + "）より前です");
        }
        check.throwIfAny();
        store.assign(f.id(), owner == null || owner.isBlank() ? null : owner.trim(), dueDate);
        return finding(f.id()).orElseThrow();
    }

    /** A school's speed-test agent went silent, or sent again after it was told it had. */
    public record AgentChange(String schoolId, boolean silent, Instant lastSeen) {
    }

    /**
     * The agents that went silent (no measurement from the school for {@code silentAfter}, not told yet) and those
     * back (a measurement newer than the one before the silence they were told of), of the schools served. Read only:
     * the caller tells people, then records it with {@link #agentTold}.
     */
    public List<AgentChange> agentChanges(Instant now, java.time.Duration silentAfter) {
        Set<String> served = new java.util.HashSet<>(servedSchools());
        return db.transaction(c -> {
            Map<String, Instant> told = store.silentAgents(c);
            List<AgentChange> out = new ArrayList<>();
            for (Map.Entry<String, NetworkStore.KeptStatus> e : new TreeMap<>(store.keptStatuses(c, null, null))
                    .entrySet()) {
                Instant newest = e.getValue().newest();
                Instant silentSince = told.get(e.getKey());
                if (silentSince != null && newest.isAfter(silentSince)) {
                    out.add(new AgentChange(e.getKey(), false, silentSince));
                } else if (silentSince == null && served.contains(e.getKey())
                        && newest.plus(silentAfter).isBefore(now)) {
                    out.add(new AgentChange(e.getKey(), true, newest));
                }
            }
            return out;
        });
    }

    /**
     * Whether a test ran during class hours: on a weekday that is not a Japanese public holiday, within the configured
     * school day, in the platform's zone. A measurement that does not say is judged by this, never assumed.
     */
    public boolean inClassHours(java.time.OffsetDateTime at) {
        return schoolDay.contains(at, clock.zone());
    }

    /** Records that people were told of an agent's change. */
    public void agentTold(AgentChange change) {
        db.transaction(c -> {
            if (change.silent()) {
                store.agentSilent(c, change.schoolId(), change.lastSeen(), clock.now());
            } else {
                store.agentBack(c, change.schoolId());
            }
            return null;
        });
    }

    /** The share of schools with measurements that meet the recommended bandwidth, as of a fiscal year's end. */
    public Optional<double[]> shareMeeting(FiscalYear fy, String schoolId) {
        List<SchoolStatus> judged = statuses(fy, schoolId).stream()
                .filter(s -> s.state() != SchoolStatus.State.NO_DATA).toList();
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        long meeting = judged.stream().filter(s -> s.state() == SchoolStatus.State.MEETS).count();
        return Optional.of(new double[] { Percent.of(meeting, judged.size()), judged.size(),
                judged.stream().anyMatch(SchoolStatus::demo) ? 1 : 0 });
    }

    /** The schools this module serves: every school of the directory it is not switched off for. */
    public List<String> servedSchools() {
        return enablement.served(MODULE_ID, schools.all());
    }

    /** Findings at a glance: how many are open, and the median days the closed ones took to resolve. */
    public record FindingSummary(int open, int closed, Double medianDaysToResolve) {
    }

    public FindingSummary findingSummary(String schoolId) {
        List<Finding> all = store.findings(schoolId, false);
        double[] days = all.stream().filter(f -> !f.open()).mapToDouble(f -> f.daysToResolve()).sorted().toArray();
        int open = (int) all.stream().filter(Finding::open).count();
        return new FindingSummary(open, days.length, days.length == 0 ? null : NetworkStore.median(days));
    }
}
