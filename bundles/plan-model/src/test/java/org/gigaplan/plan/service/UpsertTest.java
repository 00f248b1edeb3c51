package org.gigaplan.plan.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpsertTest {

    private Connection c;

    @BeforeEach
    void table() throws SQLException {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        c = DriverManager.getConnection("jdbc:derby:memory:upsert;create=true");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t_report (school_id VARCHAR(20) NOT NULL, fiscal_year INT NOT NULL, "
                    + "frequency VARCHAR(20), reported_on DATE, at_time TIMESTAMP, views INT NOT NULL, "
                    + "PRIMARY KEY (school_id, fiscal_year))");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE t_report");
        }
        c.close();
    }

    private Upsert report(String school, int year, String frequency) {
        return Upsert.into("t_report").key("school_id", school).key("fiscal_year", year).set("frequency", frequency)
                .set("reported_on", LocalDate.of(2025, 6, 2)).set("at_time", Instant.parse("2025-06-02T01:00:00Z"))
                .add("views", 1);
    }

    @Test
    void theFirstWriteInsertsAndTheNextUpdatesTheSameRow() throws SQLException {
        assertTrue(report("S-1", 2025, "WEEKLY").run(c), "inserted");
        assertFalse(report("S-1", 2025, "DAILY").run(c), "updated");
        assertTrue(report("S-1", 2026, "DAILY").run(c), "another key: inserted");
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT frequency, views, reported_on FROM t_report "
                        + "WHERE school_id = 'S-1' AND fiscal_year = 2025")) {
            assertTrue(r.next());
            assertEquals("DAILY", r.getString(1));
            // The counter started at 1 and was raised by 1.
            assertEquals(2, r.getInt(2));
            assertEquals(LocalDate.of(2025, 6, 2), r.getDate(3).toLocalDate());
            assertFalse(r.next());
        }
    }

    @Test
    void aNullIsWrittenAsTheColumnsType() throws SQLException {
        report("S-1", 2025, "WEEKLY").run(c);
        report("S-1", 2025, null).run(c);
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT frequency FROM t_report")) {
            assertTrue(r.next());
            assertEquals(null, r.getString(1));
        }
    }

    @Test
    void aValueOfAnUnknownTypeIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Upsert.into("t_report").key("school_id", new Object()).set("views", 1).run(c));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Upsert.into("t_report").key("school_id", "S").run(c));
    }
}
