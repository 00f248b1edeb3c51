package org.gigaplan.plan.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpsertBatchTest {

    private static final LocalDate MONDAY = LocalDate.of(2025, 6, 2);
    private static final Instant NINE = Instant.parse("2025-06-02T00:00:00Z");
    private static final Instant TEN = Instant.parse("2025-06-02T01:00:00Z");

    private Connection c;

    @BeforeEach
    void table() throws SQLException {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        c = DriverManager.getConnection("jdbc:derby:memory:upsertbatch;create=true");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t_day (school_id VARCHAR(20) NOT NULL, day DATE NOT NULL, "
                    + "statements BIGINT NOT NULL, score_sum DOUBLE NOT NULL, demo SMALLINT NOT NULL, "
                    + "updated_at TIMESTAMP, fiscal_year INT NOT NULL, PRIMARY KEY (school_id, day))");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE t_day");
        }
        c.close();
    }

    private static UpsertBatch days() {
        return UpsertBatch.into("t_day").key("school_id", "day").add("statements", "score_sum").raise("demo")
                .latest("updated_at").onInsert("fiscal_year");
    }

    private List<String> rows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT school_id, day, statements, "
                + "score_sum, demo, updated_at, fiscal_year FROM t_day ORDER BY school_id, day")) {
            while (r.next()) {
                out.add(r.getString(1) + " " + r.getDate(2) + " " + r.getLong(3) + " " + r.getDouble(4) + " d"
                        + r.getInt(5) + " " + (r.getTimestamp(6) == null ? null : r.getTimestamp(6).toInstant())
                        + " fy" + r.getInt(7));
            }
        }
        return out;
    }

    @Test
    void newKeysAreInsertedAndStoredOnesAddedToNeverLoweringAFlagOrATime() throws SQLException {
        assertArrayEquals(new boolean[] { true, true }, days().row("S-1", MONDAY, 2, 1.5, true, TEN, 2025)
                .row("S-2", MONDAY, 1, 0.5, false, NINE, 2025).run(c));
        // S-1 again: added to, its demo flag kept, its later time kept; S-3 new; S-2 raised and made later.
        assertArrayEquals(new boolean[] { false, true, false }, days().row("S-1", MONDAY, 3, 0.25, false, NINE, 2099)
                .row("S-3", MONDAY, 1, 0.0, 0, null, 2025).row("S-2", MONDAY, -1, 0.5, 1, TEN, 2099).run(c));
        assertEquals(List.of("S-1 2025-06-02 5 1.75 d1 " + TEN + " fy2025", "S-2 2025-06-02 0 1.0 d1 " + TEN + " fy2025",
                "S-3 2025-06-02 1 0.0 d0 null fy2025"), rows(), "insert-only columns are left as inserted");
        // A time given where none was stored is taken.
        days().row("S-3", MONDAY, 0, 0.0, 0, NINE, 2025).run(c);
        assertTrue(rows().get(2).contains(NINE.toString()), rows().toString());
    }

    @Test
    void anUpdateAloneInsertsNothingAndSaysWhichRowsItFound() throws SQLException {
        days().row("S-1", MONDAY, 2, 1.5, false, TEN, 2025).run(c);
        assertArrayEquals(new boolean[] { false, true }, days().row("S-9", MONDAY, -1, 0.0, 0, TEN, 2025)
                .row("S-1", MONDAY, -1, -1.5, 0, NINE, 2025).update(c));
        assertEquals(List.of("S-1 2025-06-02 1 0.0 d0 " + TEN + " fy2025"), rows());
        assertArrayEquals(new boolean[0], days().run(c), "no rows, no statement");
    }

    @Test
    void valuesSetReplaceTheStoredOnes() throws SQLException {
        UpsertBatch.into("t_day").key("school_id", "day").set("fiscal_year").add("statements", "score_sum")
                .raise("demo").row("S-1", MONDAY, 2025, 1, 1.0, 0).run(c);
        UpsertBatch.into("t_day").key("school_id", "day").set("fiscal_year").add("statements", "score_sum")
                .raise("demo").row("S-1", MONDAY, 2026, 1, 1.0, 0).run(c);
        assertEquals(List.of("S-1 2025-06-02 2 2.0 d0 null fy2026"), rows());
    }

    @Test
    void aRowKnownNewIsInsertedWithNoUpdateTriedAndAKnownStoredOneUpdated() throws SQLException {
        days().row("S-1", MONDAY, 2, 1.5, false, TEN, 2025).run(c);
        assertArrayEquals(new boolean[] { true, false }, days().knownRow(false, "S-2", MONDAY, 1, 0.5, false, NINE,
                2025).knownRow(true, "S-1", MONDAY, 1, 0.5, false, NINE, 2025).run(c));
        assertEquals(List.of("S-1 2025-06-02 3 2.0 d0 " + TEN + " fy2025", "S-2 2025-06-02 1 0.5 d0 " + NINE + " fy2025"),
                rows());
        // Said new but stored: its insert fails on the key (nothing is added to it twice).
        assertThrows(SQLException.class, () -> days().knownRow(false, "S-1", MONDAY, 1, 0.5, false, NINE, 2025).run(c));
        assertArrayEquals(new boolean[] { false },
                days().knownRow(false, "S-1", MONDAY, 1, 0.5, false, NINE, 2025).update(c));
    }

    @Test
    void aRowChangedSinceItWasReadIsLeftAndReportedNotFound() throws SQLException {
        days().row("S-1", MONDAY, 2, 1.5, false, TEN, 2025).row("S-2", MONDAY, 2, 1.5, false, TEN, 2025).run(c);
        // Read as 2 statements each; S-2 has 3 by now (another writer), so only S-1 is written.
        days().row("S-2", MONDAY, 1, 0.0, false, NINE, 2025).update(c);
        UpsertBatch guarded = UpsertBatch.into("t_day").key("school_id", "day").set("fiscal_year")
                .add("score_sum").expect("statements");
        assertArrayEquals(new boolean[] { true, false, false }, guarded.row("S-1", MONDAY, 2026, 1.0, 2L)
                .row("S-2", MONDAY, 2026, 1.0, 2L).row("S-9", MONDAY, 2026, 1.0, 2L).update(c));
        assertEquals(List.of("S-1 2025-06-02 2 2.5 d0 " + TEN + " fy2026", "S-2 2025-06-02 3 1.5 d0 " + TEN
                + " fy2025"), rows());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpsertBatch.into("t_day").key("school_id", "day").add("score_sum").expect("statements")
                        .row("S-1", MONDAY, 1.0));
        assertTrue(e.getMessage().contains("(school_id, day, score_sum, statements), not 3"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> guarded.run(c), "a guarded batch only updates");
    }

    @Test
    void aRowOfTheWrongLengthOrColumnsNamedAfterRowsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> days().row("S-1", MONDAY, 2, 1.5, false, TEN));
        assertTrue(e.getMessage().contains("has 7 values (school_id, day, statements, score_sum, demo, updated_at, "
                + "fiscal_year), not 6"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> days().row("S-1", MONDAY, 2, 1.5, false, TEN, 2025)
                .add("more"));
        assertThrows(IllegalStateException.class, () -> UpsertBatch.into("t_day").key("school_id", "day")
                .onInsert("fiscal_year").row("S-1", MONDAY, 2025).run(c), "nothing to add to");
    }
}
