package org.gigaplan.environment.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gigaplan.environment.internal.store.NetworkStore;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
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
    private final RecommendedBandwidth table = RecommendedBandwidth.shipped();
    private final NetworkStore store;

    /** What a batch stored, and the findings it opened or closed. */
    public record BatchResult(int measurements, List<Long> findingsOpened, List<Long> findingsClosed) {
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
        this.store = new NetworkStore(db);
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

    /** Stores measurements, all or none, and opens or closes each affected school's finding. */
    public BatchResult record(List<Measurement> input, String defaultSchool, String by, boolean demo) {
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one measurement: [{\"measuredAt\":\"2025-06-02T10:00:00+09:00\","
                    + "\"downloadMbps\":320,\"point\":\"SCHOOL_LAN\",\"classHours\":true}]");
        }
        if (input.size() > MAX_BATCH) {
            throw new InvalidInputException("body", "at most " + MAX_BATCH + " measurements in one batch, was " + input.size());
        }
        FieldChecks check = new FieldChecks();
        List<StoredMeasurement> rows = new ArrayList<>();
        Instant latest = clock.now().plusSeconds(300);
        for (int i = 0; i < input.size(); i++) {
            String at = "[" + i + "]";
            Measurement m = input.get(i);
            if (m == null) {
                check.add(at, "must be a measurement");
                continue;
            }
            String school = m.schoolId() == null || m.schoolId().isBlank() ? defaultSchool : m.schoolId().trim();
            if (school == null) {
                check.add(at + ".schoolId", "required");
            } else if (defaultSchool != null && !defaultSchool.equals(school)) {
                check.add(at + ".schoolId", "you may record only for " + defaultSchool);
            } else if (schools.find(school).isEmpty()) {
                check.add(at + ".schoolId", "no school " + school);
            }
            if (m.measuredAt() == null) {
                check.add(at + ".measuredAt", "required: when, with its offset (2025-06-02T10:00:00+09:00)");
            } else if (m.measuredAt().toInstant().isAfter(latest)) {
                check.add(at + ".measuredAt", "is in the future: " + m.measuredAt());
            } else if (m.measuredAt().getYear() < 2019) {
                check.add(at + ".measuredAt", "before the GIGA school programme: " + m.measuredAt());
            }
            range(m.downloadMbps(), true, 0, 100_000, at + ".downloadMbps", check);
            range(m.uploadMbps(), false, 0, 100_000, at + ".uploadMbps", check);
            range(m.latencyMs(), false, 0, 60_000, at + ".latencyMs", check);
            range(m.lossPercent(), false, 0, 100, at + ".lossPercent", check);
            Measurement.Point point = null;
            try {
                point = Measurement.Point.valueOf(m.point() == null ? "" : m.point().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                check.add(at + ".point", "one of ACCESS_POINT, SCHOOL_LAN, CENTRE_LINK, UPSTREAM, was \""
                        + m.point() + "\"");
            }
            if (m.devices() != null && (m.devices() < 0 || m.devices() > 100_000)) {
                check.add(at + ".devices", "must be between 0 and 100000, was " + m.devices());
            }
            if (check.ok()) {
                rows.add(new StoredMeasurement(0, school, m.measuredAt().toInstant(), m.downloadMbps(), m.uploadMbps(),
                        m.latencyMs(), m.lossPercent(), point.name(), m.classHours() == null || m.classHours(), m.devices(),
                        demo));
            }
        }
        check.throwIfAny();
        // The schools looked up before the transaction: no second connection while it holds one (the pool).
        Map<String, School> affected = new TreeMap<>();
        rows.forEach(r -> affected.computeIfAbsent(r.schoolId(), id -> schools.find(id).orElseThrow()));
        // Agents of one school report at once: each batch evaluates its schools alone (see lockSchools).
        return db.transactionRetrying(c -> {
            store.lockSchools(c, affected.keySet());
            for (StoredMeasurement r : rows) {
                store.insert(c, r, by);
            }
            List<Long> opened = new ArrayList<>();
            List<Long> closed = new ArrayList<>();
            for (School school : affected.values()) {
                evaluate(c, school, demo, opened, closed);
            }
            return new BatchResult(rows.size(), opened, closed);
        });
    }

    private static void range(Double v, boolean required, double min, double max, String field, FieldChecks check) {
        if (v == null) {
            if (required) {
                check.add(field, "required");
            }
        } else if (v.isNaN() || v < min || v > max) {
            check.add(field, "must be between " + (long) min + " and " + (long) max + ", was " + v);
        }
    }

    /** Opens a finding for a school fallen below the problem threshold, or closes one recovered past the other. */
    private void evaluate(Connection c, School school, boolean demo, List<Long> opened, List<Long> closed)
            throws SQLException {
        SchoolStatus status = status(c, school, store.newest(c, school.id(), clock.now().plusSeconds(300)));
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

    /** A school's status from its measurements in the window ending at {@code newest}, its newest one. */
    private SchoolStatus status(Connection c, School school, Instant newest) throws SQLException {
        RecommendedBandwidth.Recommendation recommended = table.forEnrollment(school.enrollment());
        Long finding = store.openFinding(c, school.id()).orElse(null);
        if (newest == null) {
            return new SchoolStatus(school.id(), school.name(), school.enrollment(), recommended, null, 0, null,
                    SchoolStatus.State.NO_DATA, finding, false);
        }
        // The window's download speeds alone, sorted by the database: a school's status is read at every write.
        NetworkStore.Window window = store.window(c, school.id(), newest.minus(Duration.ofDays(config.windowDays())),
                newest, config.classHoursOnly());
        if (window.sortedMbps().length == 0) {
            return new SchoolStatus(school.id(), school.name(), school.enrollment(), recommended, null, 0, newest,
                    SchoolStatus.State.NO_DATA, finding, false);
        }
        double median = median(window.sortedMbps());
        boolean meets = median >= recommended.mbps();
        return new SchoolStatus(school.id(), school.name(), school.enrollment(), recommended, median,
                window.sortedMbps().length, newest, meets ? SchoolStatus.State.MEETS : SchoolStatus.State.BELOW, finding,
                window.demo());
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Math.round(m * 10) / 10.0;
    }

    /** Every school's status (or one school's), as of now or of the end of a fiscal year. */
    /** Whether the school is in the directory. */
    public boolean knows(String schoolId) {
        return schoolId != null && schools.find(schoolId).isPresent();
    }

    public List<SchoolStatus> statuses(String schoolId, Instant until) {
        Set<String> off = schoolId == null ? enablement.disabledSchools(MODULE_ID) : Set.of();
        List<School> all = schools.all();
        return db.transaction(c -> {
            // One school's view asks for its own newest measurement, not every school's.
            Map<String, Instant> newest = schoolId == null ? store.newest(c, until) : new java.util.HashMap<>();
            if (schoolId != null) {
                newest.put(schoolId, store.newest(c, schoolId, until));
            }
            List<SchoolStatus> out = new ArrayList<>();
            for (School s : all) {
                if ((schoolId == null || s.id().equals(schoolId)) && !off.contains(s.id())) {
                    out.add(status(c, s, newest.get(s.id())));
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
            check.add("kind", "one of CAUSE, COUNTERMEASURE, VERIFICATION, was \"" + kind + "\"");
        }
        check.text(text, true, 1000, "text");
        if (measurementId != null && !store.isMeasurementOf(measurementId, f.schoolId())) {
            check.add("measurementId", "no measurement " + measurementId + " of " + f.schoolId());
        }
        check.throwIfAny();
        store.addNote(f.id(), k.name(), text.trim(), measurementId, by);
        return finding(f.id()).orElseThrow();
    }

    /** The share of schools with measurements that meet the recommended bandwidth, as of a fiscal year's end. */
    public Optional<double[]> shareMeeting(FiscalYear fy, String schoolId) {
        Instant until = fy.end().plusDays(1).atStartOfDay(clock.zone()).toInstant();
        List<SchoolStatus> judged = statuses(schoolId, until.isAfter(clock.now()) ? clock.now() : until).stream()
                .filter(s -> s.state() != SchoolStatus.State.NO_DATA)
                .filter(s -> s.windowEnd() != null && FiscalYear.containing(s.windowEnd().atZone(clock.zone()).toLocalDate()).equals(fy))
                .toList();
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

    public Map<String, Instant> newest() {
        return store.newest(clock.now().plusSeconds(300));
    }

    /** Findings at a glance: how many are open, and the median days the closed ones took to resolve. */
    public record FindingSummary(int open, int closed, Double medianDaysToResolve) {
    }

    public FindingSummary findingSummary(String schoolId) {
        List<Finding> all = store.findings(schoolId, false);
        double[] days = all.stream().filter(f -> !f.open()).mapToDouble(f -> f.daysToResolve()).sorted().toArray();
        int open = (int) all.stream().filter(Finding::open).count();
        return new FindingSummary(open, days.length, days.length == 0 ? null : median(days));
    }
}
