package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.Upsert;

/** Teachers' learning-history use reports, one per teacher and fiscal year, and the weeks they opened a history. */
public final class HistoryUseStore {

    /** A stored report. */
    public record Row(String schoolId, String teacherId, String frequency, boolean demo) {
    }

    /** Teachers of a school who opened a class's history in a week. */
    public record WeekRow(String schoolId, LocalDate week, int teachers) {
    }

    private final Database db;

    public HistoryUseStore(Database db) {
        this.db = db;
    }

    /** Stores a report, replacing the teacher's earlier one of the year. */
    public void put(Connection c, String schoolId, String teacherId, int fiscalYear, String frequency, LocalDate on,
            String by, boolean demo) throws SQLException {
        Upsert.into("env_history_use").key("school_id", schoolId).key("teacher_code", teacherId)
                .key("fiscal_year", fiscalYear).set("frequency", frequency).set("reported_on", on).set("reported_by", by)
                .set("demo", demo ? 1 : 0).run(c);
    }

    /** Reports of a fiscal year, of one school when schoolId is not null. */
    public List<Row> reports(int fiscalYear, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, teacher_code, frequency, demo FROM env_history_use "
                + "WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY school_id, teacher_code",
                r -> new Row(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) > 0),
                schoolId == null ? List.of(fiscalYear) : List.of(fiscalYear, schoolId)));
    }

    /** Counts one opening of a class's history by a teacher in a week. */
    public void opened(String schoolId, String teacherId, LocalDate week) {
        db.transactionRetrying(c -> Upsert.into("env_history_view").key("school_id", schoolId)
                .key("teacher_code", teacherId).key("week_start", week).add("views", 1).run(c));
    }

    /** Per school and week in [from, to]: teachers who opened a history (of one school when schoolId is not null). */
    public List<WeekRow> openedWeeks(String schoolId, LocalDate from, LocalDate to) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT school_id, week_start, COUNT(*) FROM env_history_view "
                    + "WHERE week_start >= ? AND week_start <= ?" + (schoolId == null ? "" : " AND school_id = ?")
                    + " GROUP BY school_id, week_start ORDER BY week_start, school_id")) {
                s.setDate(1, Date.valueOf(from));
                s.setDate(2, Date.valueOf(to));
                if (schoolId != null) {
                    s.setString(3, schoolId);
                }
                List<WeekRow> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new WeekRow(r.getString(1), r.getDate(2).toLocalDate(), r.getInt(3)));
                    }
                }
                return out;
            }
        });
    }

    /** The tables whose rows name a teacher by {@code school_id} and {@code teacher_code}. */
    private static final List<String> TEACHER_TABLES = List.of("env_history_use", "env_history_view");

    /** How many reports and opened weeks name a teacher of a school. */
    public int records(String schoolId, String teacherCode) {
        return db.transaction(c -> {
            int n = 0;
            for (String table : TEACHER_TABLES) {
                n += Jdbc.first(c, "SELECT COUNT(*) FROM " + table + " WHERE school_id = ? AND teacher_code = ?",
                        r -> r.getInt(1), schoolId, teacherCode).orElse(0);
            }
            return n;
        });
    }

    /** Removes every report and opened week naming a teacher of a school; answers how many went. */
    public int remove(String schoolId, String teacherCode) {
        return db.transaction(c -> {
            int n = 0;
            for (String table : TEACHER_TABLES) {
                n += Jdbc.update(c, "DELETE FROM " + table + " WHERE school_id = ? AND teacher_code = ?", schoolId,
                        teacherCode);
            }
            return n;
        });
    }

    /** Every teacher the reports and opened weeks name: school id → codes. */
    public java.util.Map<String, java.util.Set<String>> teachersNamed() {
        java.util.Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        db.transaction(c -> Jdbc.list(c, "SELECT DISTINCT school_id, teacher_code FROM env_history_use UNION "
                + "SELECT DISTINCT school_id, teacher_code FROM env_history_view",
                r -> out.computeIfAbsent(r.getString(1), k -> new java.util.TreeSet<>()).add(r.getString(2))));
        return out;
    }
}
