package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.service.Database;
import org.gigaplan.usage.internal.OwnMeasure;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;

/** High and secondary schools' own measures and their progress updates. */
public final class MeasureStore {

    private final Database db;
    /** Records' times: the platform's clock, which a trial may set to another day. */
    private final PlanClock clock;

    public MeasureStore(Database db, PlanClock clock) {
        this.db = db;
        this.clock = clock;
    }

    public long add(String schoolId, int fiscalYear, String text, String target, String by, boolean demo) {
        return db.transaction(c -> Jdbc.insert(c, "INSERT INTO usage_measure (school_id, fiscal_year, text, target, "
                + "created_by, created_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?)", schoolId, fiscalYear, text, target, by,
                clock.now(), demo ? 1 : 0));
    }

    public long addUpdate(long measureId, LocalDate date, String progress, Integer percent, String by) {
        return db.transaction(c -> Jdbc.insert(c, "INSERT INTO usage_measure_update (measure_id, on_date, progress, "
                + "percent, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", measureId, date, progress, percent, by,
                clock.now()));
    }

    public Optional<OwnMeasure> find(long id) {
        return db.transaction(c -> load(c, "m.id = ?", s -> s.setLong(1, id)).stream().findFirst());
    }

    /** Measures of a fiscal year, of one school or (schoolId null) of every school, oldest first. */
    public List<OwnMeasure> list(String schoolId, int fiscalYear) {
        return db.transaction(c -> schoolId == null
                ? load(c, "m.fiscal_year = ?", s -> s.setInt(1, fiscalYear))
                : load(c, "m.school_id = ? AND m.fiscal_year = ?", s -> {
                    s.setString(1, schoolId);
                    s.setInt(2, fiscalYear);
                }));
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private static List<OwnMeasure> load(Connection c, String where, Binder binder) throws SQLException {
        Map<Long, List<OwnMeasure.Update>> updates = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT u.measure_id, u.id, u.on_date, u.progress, u.percent, "
                + "u.recorded_by, u.recorded_at FROM usage_measure_update u JOIN usage_measure m ON m.id = u.measure_id "
                + "WHERE " + where + " ORDER BY u.on_date, u.id")) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int percent = r.getInt(5);
                    Integer p = r.wasNull() ? null : percent;
                    updates.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new OwnMeasure.Update(r.getLong(2),
                            r.getDate(3).toLocalDate(), r.getString(4), p, r.getString(6), r.getTimestamp(7).toInstant()));
                }
            }
        }
        List<OwnMeasure> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT m.id, m.school_id, m.fiscal_year, m.text, m.target, "
                + "m.created_by, m.created_at, m.demo FROM usage_measure m WHERE " + where + " ORDER BY m.school_id, m.id")) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    out.add(new OwnMeasure(id, r.getString(2), r.getInt(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getTimestamp(7).toInstant(), updates.getOrDefault(id, List.of()), r.getInt(8) > 0));
                }
            }
        }
        return out;
    }
}
