package org.gigaplan.training.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Upsert;
import org.gigaplan.plan.service.Jdbc;

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
        Upsert.into("training_genai").key("teacher_id", teacherId).key("fiscal_year", fiscalYear)
                .set("school_id", schoolId).set("frequency", frequency).set("purposes", purposes)
                .set("reported_on", reportedOn).set("demo", demo ? 1 : 0).run(c);
    }

    /** Reports of a fiscal year, of one school when schoolId is not null. */
    public List<Row> reports(int fiscalYear, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, frequency, purposes, demo FROM training_genai "
                + "WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?"),
                r -> new Row(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) > 0),
                schoolId == null ? List.of(fiscalYear) : List.of(fiscalYear, schoolId)));
    }
}
