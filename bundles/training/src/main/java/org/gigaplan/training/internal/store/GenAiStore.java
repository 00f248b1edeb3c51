package org.gigaplan.training.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.plan.service.Database;

/** Teachers' generative-AI use reports, one per teacher and fiscal year. */
public final class GenAiStore {

    /** A stored report with its school. */
    public record Row(String schoolId, String frequency, String purposes, boolean demo) {
    }

    private final Database db;

    public GenAiStore(Database db) {
        this.db = db;
    }

    /** Stores a report, replacing the teacher's earlier one of the year. */
    public void put(Connection c, long teacherId, String schoolId, int fiscalYear, String frequency, String purposes,
            LocalDate reportedOn, boolean demo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE training_genai SET frequency = ?, purposes = ?, reported_on = ?, "
                + "demo = ? WHERE teacher_id = ? AND fiscal_year = ?")) {
            s.setString(1, frequency);
            s.setString(2, purposes);
            s.setDate(3, Date.valueOf(reportedOn));
            s.setInt(4, demo ? 1 : 0);
            s.setLong(5, teacherId);
            s.setInt(6, fiscalYear);
            if (s.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO training_genai (teacher_id, fiscal_year, school_id, "
                + "frequency, purposes, reported_on, demo) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, teacherId);
            s.setInt(2, fiscalYear);
            s.setString(3, schoolId);
            s.setString(4, frequency);
            s.setString(5, purposes);
            s.setDate(6, Date.valueOf(reportedOn));
            s.setInt(7, demo ? 1 : 0);
            s.executeUpdate();
        }
    }

    /** Reports of a fiscal year, of one school when schoolId is not null. */
    public List<Row> reports(int fiscalYear, String schoolId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT school_id, frequency, purposes, demo FROM training_genai "
                    + "WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?"))) {
                s.setInt(1, fiscalYear);
                if (schoolId != null) {
                    s.setString(2, schoolId);
                }
                List<Row> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) > 0));
                    }
                }
                return out;
            }
        });
    }
}
