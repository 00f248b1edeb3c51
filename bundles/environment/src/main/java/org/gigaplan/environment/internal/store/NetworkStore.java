package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.environment.internal.Finding;
import org.gigaplan.plan.service.Database;
import org.gigaplan.environment.internal.StoredMeasurement;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;

/**
 * Measurements, findings and their notes. A write reads only its own school's rows: its queries name the index by
 * school to Derby ({@code --DERBY-PROPERTIES}, a comment elsewhere; Derby takes it in queries only), whose optimizer
 * otherwise scans small tables whole and waits on, then deadlocks with, other schools' writers' new rows.
 */
public final class NetworkStore {

    /** Derby's optimizer told to read a school's measurements through their index by school and time. */
    private static final String MEASUREMENTS_OF_A_SCHOOL = "env_measurement --DERBY-PROPERTIES index=ix_env_measurement_school\n";
    /** The same through the index that holds every column a status window reads, so the table is not read. */
    private static final String WINDOW_OF_A_SCHOOL = "env_measurement --DERBY-PROPERTIES index=ix_env_measurement_window\n";

    /** The same for a school's kept statuses, by their primary key. */
    private static final String STATUSES_OF_A_SCHOOL = "env_school_status --DERBY-PROPERTIES constraint=pk_env_school_status\n";

    private final Database db;
    /** Records' times: the platform's clock, which a trial may set to another day. */
    private final PlanClock clock;

    public NetworkStore(Database db, PlanClock clock) {
        this.db = db;
        this.clock = clock;
    }

    public long insert(Connection c, StoredMeasurement m, String by) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO env_measurement (school_id, measured_at, download_mbps, "
                + "upload_mbps, latency_ms, loss_percent, point, class_hours, devices, recorded_by, recorded_at, demo) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.schoolId(), m.measuredAt(), m.downloadMbps(), m.uploadMbps(), m.latencyMs(), m.lossPercent(),
                m.point(), m.classHours() ? 1 : 0, m.devices(), by, clock.now(), m.demo() ? 1 : 0);
    }

    /**
     * A school's measurements taken in [from, to], in no order: what a batch of that span is checked against, so a
     * measurement sent again is not stored twice. Read through the index by school and time, as a write of the school.
     */
    public List<StoredMeasurement> storedBetween(Connection c, String schoolId, Instant from, Instant to)
            throws SQLException {
        return Jdbc.list(c, "SELECT id, school_id, measured_at, download_mbps, upload_mbps, latency_ms, loss_percent, "
                + "point, class_hours, devices, demo FROM " + MEASUREMENTS_OF_A_SCHOOL
                + "WHERE school_id = ? AND measured_at BETWEEN ? AND ?", NetworkStore::measurement, schoolId, from, to);
    }

    private static StoredMeasurement measurement(ResultSet r) throws SQLException {
        return new StoredMeasurement(r.getLong(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getDouble(4),
                Jdbc.nullableDouble(r, 5), Jdbc.nullableDouble(r, 6), Jdbc.nullableDouble(r, 7), r.getString(8),
                r.getInt(9) > 0, Jdbc.nullableInt(r, 10), r.getInt(11) > 0);
    }

    /** A school's measurements in [from, to], oldest first (all schools' when schoolId is null). */
    public List<StoredMeasurement> measurements(Connection c, String schoolId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, school_id, measured_at, download_mbps, upload_mbps, "
                + "latency_ms, loss_percent, point, class_hours, devices, demo FROM env_measurement WHERE measured_at "
                + "BETWEEN ? AND ?" + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY measured_at, id")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            if (schoolId != null) {
                s.setString(3, schoolId);
            }
            List<StoredMeasurement> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(measurement(r));
                }
            }
            return out;
        }
    }

    /** A school's download speeds in a window, slowest first, and whether any of them is demo data. */
    public record Window(double[] sortedMbps, boolean demo) {

        /** The median download; null without tests. */
        public Double median() {
            return NetworkStore.median(sortedMbps);
        }
    }

    /** The median of sorted values, rounded to one decimal; null when there are none. */
    public static Double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return null;
        }
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Math.round(m * 10) / 10.0;
    }

    /** A school's download speeds measured in [from, to] (in class hours only, when asked), slowest first. */
    public Window window(Connection c, String schoolId, Instant from, Instant to, boolean classHoursOnly)
            throws SQLException {
        // Read in the index's order and sorted here: a window holds thousands of tests, and Derby's sort of them
        // cost more than reading them.
        try (PreparedStatement s = c.prepareStatement("SELECT download_mbps, demo FROM " + WINDOW_OF_A_SCHOOL
                + "WHERE school_id = ? AND measured_at BETWEEN ? AND ?" + (classHoursOnly ? " AND class_hours = 1" : ""))) {
            s.setString(1, schoolId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            double[] mbps = new double[64];
            int n = 0;
            boolean demo = false;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (n == mbps.length) {
                        mbps = Arrays.copyOf(mbps, n * 2);
                    }
                    mbps[n++] = r.getDouble(1);
                    demo |= r.getInt(2) > 0;
                }
            }
            mbps = Arrays.copyOf(mbps, n);
            Arrays.sort(mbps);
            return new Window(mbps, demo);
        }
    }

    /** How a school's status is counted: the days its window spans back from the newest test, class hours only. */
    public record StatusBasis(int windowDays, boolean classHoursOnly) {
    }


    /**
     * A school's status in a fiscal year, as kept: its newest measurement of the year, the median download of the
     * window ending there (null without tests judged), the tests judged and whether any is demo data.
     */
    public record KeptStatus(String schoolId, int fiscalYear, Instant newest, Double medianMbps, int tests,
            boolean demo) {
    }


    /**
     * Counts again what is kept for a school and fiscal year ({@code from} inclusive to {@code to} exclusive: the year
     * in the city's zone) from its measurements: the window ending at its newest measurement of the year. Run in
     * the transaction that changed its measurements, after its lock row.
     */
    public void keepStatus(Connection c, String schoolId, int fiscalYear, Instant from, Instant to, StatusBasis basis)
            throws SQLException {
        // Measurements are never deleted, so the newest is the kept one or one after it: only those are read.
        Optional<Instant> kept = Jdbc.first(c, "SELECT newest_at FROM " + STATUSES_OF_A_SCHOOL
                + "WHERE school_id = ? AND fiscal_year = ?", r -> r.getTimestamp(1).toInstant(), schoolId, fiscalYear);
        Instant after = kept.filter(k -> !k.isBefore(from)).orElse(null);
        Optional<Instant> newer = Jdbc.first(c, "SELECT MAX(measured_at) FROM " + WINDOW_OF_A_SCHOOL
                + "WHERE school_id = ? AND measured_at " + (after == null ? ">=" : ">") + " ? AND measured_at < ?", r -> {
                    Timestamp t = r.getTimestamp(1);
                    return t == null ? null : t.toInstant();
                }, schoolId, after == null ? from : after, to);
        Optional<Instant> newest = newer.isPresent() ? newer : Optional.ofNullable(after);
        if (newest.isEmpty()) {
            // A year without any measurement never had a status kept.
            return;
        }
        Window w = window(c, schoolId, newest.get().minus(Duration.ofDays(basis.windowDays())), newest.get(),
                basis.classHoursOnly());
        Object[] values = { newest.get(), w.median(), w.sortedMbps().length, w.demo() ? 1 : 0, basis.windowDays(),
                basis.classHoursOnly() ? 1 : 0, schoolId, fiscalYear };
        // By its whole primary key: Derby updates through the key's index without being told.
        if (Jdbc.update(c, "UPDATE env_school_status SET newest_at = ?, median_mbps = ?, tests = ?, demo = ?, "
                + "window_days = ?, class_hours_only = ? WHERE school_id = ? AND fiscal_year = ?", values) == 0) {
            Jdbc.update(c, "INSERT INTO env_school_status (newest_at, median_mbps, tests, demo, window_days, "
                    + "class_hours_only, school_id, fiscal_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    /** A school's kept status now: of the latest fiscal year it has measurements in; empty without any. */
    public Optional<KeptStatus> keptStatus(Connection c, String schoolId) throws SQLException {
        return Jdbc.first(c, "SELECT school_id, fiscal_year, newest_at, median_mbps, tests, demo FROM "
                + STATUSES_OF_A_SCHOOL + "WHERE school_id = ? ORDER BY fiscal_year DESC FETCH FIRST 1 ROWS ONLY",
                NetworkStore::keptStatus, schoolId);
    }

    private static KeptStatus keptStatus(ResultSet r) throws SQLException {
        return new KeptStatus(r.getString(1), r.getInt(2), r.getTimestamp(3).toInstant(), Jdbc.nullableDouble(r, 4),
                r.getInt(5), r.getInt(6) > 0);
    }

    /**
     * The kept statuses of a fiscal year; or, when {@code fiscalYear} is null, each school's newest (of the latest
     * year it has measurements in): its status now.
     */
    public Map<String, KeptStatus> keptStatuses(Connection c, Integer fiscalYear, String schoolId) throws SQLException {
        String where = fiscalYear != null ? "s.fiscal_year = ?"
                : "s.fiscal_year = (SELECT MAX(t.fiscal_year) FROM env_school_status t WHERE t.school_id = s.school_id)";
        List<Object> params = new ArrayList<>();
        if (fiscalYear != null) {
            params.add(fiscalYear);
        }
        if (schoolId != null) {
            params.add(schoolId);
        }
        Map<String, KeptStatus> out = new HashMap<>();
        for (KeptStatus k : Jdbc.list(c, "SELECT school_id, fiscal_year, newest_at, median_mbps, tests, demo FROM "
                + "env_school_status s WHERE " + where + (schoolId == null ? "" : " AND s.school_id = ?"),
                NetworkStore::keptStatus, params)) {
            out.put(k.schoolId(), k);
        }
        return out;
    }

    /**
     * Whether what is kept was counted with this basis and covers every school with measurements; when not (the
     * window changed, or the module starts on measurements from before it kept statuses), the caller recounts it.
     */
    public boolean statusesKeptWith(Connection c, StatusBasis basis) throws SQLException {
        int other = Jdbc.first(c, "SELECT COUNT(*) FROM env_school_status WHERE window_days <> ? OR class_hours_only <> ?",
                r -> r.getInt(1), basis.windowDays(), basis.classHoursOnly() ? 1 : 0).orElse(0);
        int kept = Jdbc.first(c, "SELECT COUNT(DISTINCT school_id) FROM env_school_status", r -> r.getInt(1)).orElse(0);
        int measured = Jdbc.first(c, "SELECT COUNT(DISTINCT school_id) FROM env_measurement", r -> r.getInt(1)).orElse(0);
        return other == 0 && kept >= measured;
    }

    /** Each school with measurements: its first and its newest measurement's time. */
    public Map<String, Instant[]> measuredSpans(Connection c) throws SQLException {
        Map<String, Instant[]> out = new HashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT school_id, MIN(measured_at), MAX(measured_at) FROM env_measurement "
                + "GROUP BY school_id", r -> new Object[] { r.getString(1), r.getTimestamp(2).toInstant(),
                        r.getTimestamp(3).toInstant() })) {
            out.put((String) row[0], new Instant[] { (Instant) row[1], (Instant) row[2] });
        }
        return out;
    }

    /** Each school's open finding, the oldest when more than one. */
    public Map<String, Long> openFindings(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT school_id, MIN(id) FROM env_finding WHERE closed_at IS NULL "
                + "GROUP BY school_id", r -> new Object[] { r.getString(1), r.getLong(2) })) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    /** Whether a measurement of this id was taken at this school. */
    public boolean isMeasurementOf(long id, String schoolId) {
        return db.transaction(c -> Jdbc.first(c, "SELECT 1 FROM env_measurement WHERE id = ? AND school_id = ?",
                r -> r.getInt(1), id, schoolId).isPresent());
    }

    public List<StoredMeasurement> measurements(String schoolId, Instant from, Instant to) {
        return db.transaction(c -> measurements(c, schoolId, from, to));
    }

    /**
     * Makes the calling transaction the only writer of these schools' measurements and findings until it ends: their
     * lock rows are taken in id order (so two writers never wait on each other crosswise), created when new. Two
     * writers creating the same row race for its key: run this in {@code Database.transactionRetrying}.
     */
    public void lockSchools(Connection c, Collection<String> schoolIds) throws SQLException {
        Jdbc.lockRows(c, "env_school_lock", "school_id", schoolIds);
    }


    public Optional<Long> openFinding(Connection c, String schoolId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM env_finding --DERBY-PROPERTIES index=ix_env_finding_school\n"
                + "WHERE school_id = ? AND closed_at IS NULL ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, schoolId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    public long open(Connection c, String schoolId, Instant at, double mbps, double recommended, boolean demo)
            throws SQLException {
        return Jdbc.insert(c, "INSERT INTO env_finding (school_id, opened_at, opened_mbps, "
                + "recommended_mbps, demo) VALUES (?, ?, ?, ?, ?)",
                schoolId, at, mbps, recommended, demo ? 1 : 0);
    }

    public void close(Connection c, long findingId, Instant at, double mbps) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE env_finding SET closed_at = ?, closed_mbps = ? WHERE id = ? AND closed_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setDouble(2, mbps);
            s.setLong(3, findingId);
            s.executeUpdate();
        }
    }

    public long addNote(long findingId, String kind, String text, Long measurementId, String by, Instant at) {
        return db.transaction(c -> Jdbc.insert(c, "INSERT INTO env_finding_note (finding_id, kind, text, measurement_id, "
                + "written_by, written_at) VALUES (?, ?, ?, ?, ?, ?)", findingId, kind, text, measurementId, by, at));
    }

    /** Sets who acts on a finding and by when (either may be null: none). */
    public void assign(long findingId, String owner, java.time.LocalDate dueDate) {
        db.transaction(c -> Jdbc.update(c, "UPDATE env_finding SET owner = ?, due_date = ? WHERE id = ?", owner,
                dueDate, findingId));
    }

    /** The schools told their agent went silent: school → the time of its last measurement then. */
    public Map<String, Instant> silentAgents(Connection c) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT school_id, last_seen FROM env_agent_silence",
                r -> new Object[] { r.getString(1), r.getTimestamp(2).toInstant() })) {
            out.put((String) row[0], (Instant) row[1]);
        }
        return out;
    }

    public void agentSilent(Connection c, String schoolId, Instant lastSeen, Instant toldAt) throws SQLException {
        Jdbc.update(c, "INSERT INTO env_agent_silence (school_id, last_seen, told_at) VALUES (?, ?, ?)", schoolId,
                lastSeen, toldAt);
    }

    public void agentBack(Connection c, String schoolId) throws SQLException {
        Jdbc.update(c, "DELETE FROM env_agent_silence WHERE school_id = ?", schoolId);
    }

    /** Findings, newest first: of one school when schoolId is not null, only open ones when openOnly. */
    public List<Finding> findings(String schoolId, boolean openOnly) {
        return select((schoolId == null ? "" : " AND f.school_id = ?") + (openOnly ? " AND f.closed_at IS NULL" : ""),
                schoolId == null ? List.of() : List.of(schoolId));
    }

    /** One finding with its notes. */
    public Optional<Finding> finding(long id) {
        return select(" AND f.id = ?", List.of(id)).stream().findFirst();
    }

    /** Findings meeting conditions on {@code f} (env_finding), each with its notes, newest first. */
    private List<Finding> select(String conditions, List<Object> params) {
        return db.transaction(c -> {
            String where = " WHERE 1 = 1" + conditions;
            record Noted(long findingId, Finding.Note note) {
            }
            Map<Long, List<Finding.Note>> notes = new HashMap<>();
            for (Noted n : Jdbc.list(c, "SELECT n.finding_id, n.id, n.kind, n.text, n.measurement_id, n.written_by, "
                    + "n.written_at FROM env_finding_note n JOIN env_finding f ON f.id = n.finding_id" + where
                    + " ORDER BY n.id", r -> {
                        long m = r.getLong(5);
                        Long measurement = r.wasNull() ? null : m;
                        return new Noted(r.getLong(1), new Finding.Note(r.getLong(2), r.getString(3), r.getString(4),
                                measurement, r.getString(6), r.getTimestamp(7).toInstant()));
                    }, params)) {
                notes.computeIfAbsent(n.findingId(), k -> new ArrayList<>()).add(n.note());
            }
            return Jdbc.list(c, "SELECT f.id, f.school_id, f.opened_at, f.opened_mbps, f.recommended_mbps, f.closed_at, "
                    + "f.closed_mbps, f.demo, f.owner, f.due_date FROM env_finding f" + where
                    + " ORDER BY f.opened_at DESC, f.id DESC", r -> {
                        Instant opened = r.getTimestamp(3).toInstant();
                        Timestamp closed = r.getTimestamp(6);
                        Double closedMbps = closed == null ? null : r.getDouble(7);
                        Long days = closed == null ? null : Duration.between(opened, closed.toInstant()).toDays();
                        return new Finding(r.getLong(1), r.getString(2), opened, r.getDouble(4), r.getDouble(5),
                                closed == null ? null : closed.toInstant(), closedMbps, days,
                                notes.getOrDefault(r.getLong(1), List.of()), r.getInt(8) > 0, r.getString(9),
                                r.getDate(10) == null ? null : r.getDate(10).toLocalDate());
                    }, params);
        });
    }
}
