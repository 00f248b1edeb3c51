package org.gigaplan.plan.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcTest {

    private Connection c;

    record Note(long id, String text, Double mbps, Integer percent, LocalDate on) {
    }

    @BeforeEach
    void table() throws SQLException {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        c = DriverManager.getConnection("jdbc:derby:memory:jdbc;create=true");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t_note (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "text VARCHAR(100) NOT NULL, mbps DOUBLE, percent SMALLINT, noted_on DATE, at_time TIMESTAMP, "
                    + "bits VARCHAR(100) FOR BIT DATA)");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE t_note");
        }
        c.close();
    }

    private List<Note> notes(String where, Object... parameters) throws SQLException {
        return Jdbc.list(c, "SELECT id, text, mbps, percent, noted_on FROM t_note" + where + " ORDER BY id",
                r -> new Note(r.getLong(1), r.getString(2), Jdbc.nullableDouble(r, 3), Jdbc.nullableInt(r, 4),
                        r.getDate(5) == null ? null : r.getDate(5).toLocalDate()), parameters);
    }

    @Test
    void manyValuesAreAskedAFewAtATimeEachRowOnce() throws SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(Jdbc.insert(c, "INSERT INTO t_note (text, percent) VALUES (?, ?)", "note " + i, i % 2));
        }
        String sql = "SELECT text FROM t_note WHERE percent = ? AND id IN (" + Jdbc.marks(3) + ") ORDER BY id";
        // Three parts of three: the last holds one value, padded with it; it is answered once.
        assertEquals(List.of("note 1", "note 3", "note 5"), Jdbc.listIn(c, sql, 3, List.of(1), ids,
                r -> r.getString(1)));
        assertEquals(List.of("note 0", "note 6"), Jdbc.listIn(c, sql, 3, List.of(0), List.of(ids.get(0),
                ids.get(6)), r -> r.getString(1)));
        assertEquals(List.of(), Jdbc.listIn(c, sql, 3, List.of(0), List.of(), r -> r.getString(1)));
        assertEquals("?, ?, ?", Jdbc.marks(3));
        assertEquals("?", Jdbc.marks(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Jdbc.listIn(c, sql, 0, List.of(0), ids, r -> r.getString(1)));
    }

    @Test
    void rowsGoInWithTheirKeysAndComeBackAsWritten() throws SQLException {
        long first = Jdbc.insert(c, "INSERT INTO t_note (text, mbps, percent, noted_on, at_time) VALUES (?, ?, ?, ?, ?)",
                "速い", 94.5, 80, LocalDate.of(2025, 6, 2), Instant.parse("2025-06-02T01:00:00Z"));
        long second = Jdbc.insert(c, "INSERT INTO t_note (text, mbps, percent, noted_on, at_time) VALUES (?, ?, ?, ?, ?)",
                "no figures", null, null, null, null);
        assertTrue(second > first, "keys grow");
        assertEquals(List.of(new Note(first, "速い", 94.5, 80, LocalDate.of(2025, 6, 2)),
                new Note(second, "no figures", null, null, null)), notes(""));
        assertEquals(List.of(new Note(second, "no figures", null, null, null)), notes(" WHERE id = ?", second));
        assertEquals(Optional.of("速い"), Jdbc.first(c, "SELECT text FROM t_note WHERE id = ?", r -> r.getString(1), first));
        assertEquals(Optional.empty(), Jdbc.first(c, "SELECT text FROM t_note WHERE id = ?", r -> r.getString(1), -1L));
        assertEquals(1, Jdbc.update(c, "UPDATE t_note SET mbps = ? WHERE id = ?", null, first));
        assertNull(notes(" WHERE id = ?", first).get(0).mbps());
        assertEquals(2, Jdbc.update(c, "DELETE FROM t_note"));
    }

    @Test
    void bytesGoInAndComeBackAsWritten() throws SQLException {
        byte[] bits = { 0, 1, (byte) 0x80, (byte) 0xff };
        long id = Jdbc.insert(c, "INSERT INTO t_note (text, bits) VALUES (?, ?)", "bits", bits);
        assertTrue(java.util.Arrays.equals(bits, Jdbc.first(c, "SELECT bits FROM t_note WHERE id = ?",
                r -> r.getBytes(1), id).orElseThrow()));
        assertEquals(1, Jdbc.update(c, "UPDATE t_note SET bits = ? WHERE id = ?", null, id));
        assertEquals(java.util.Collections.singletonList(null), Jdbc.list(c, "SELECT bits FROM t_note WHERE id = ?",
                r -> r.getBytes(1), id));
    }

    @Test
    void daysAndTimesGoInAsGivenWhateverTheZoneOfTheJvm() throws SQLException {
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        try {
            for (String zone : List.of("Asia/Tokyo", "Pacific/Kiritimati", "America/Adak", "UTC")) {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
                LocalDate day = LocalDate.of(2026, 3, 31);
                Instant at = Instant.parse("2026-03-31T15:30:00Z");
                long id = Jdbc.insert(c, "INSERT INTO t_note (text, noted_on, at_time) VALUES (?, ?, ?)", zone, day, at);
                assertEquals(Optional.of("2026-03-31"), Jdbc.first(c, "SELECT CAST(noted_on AS CHAR(10)) FROM t_note "
                        + "WHERE id = ?", r -> r.getString(1), id), "the day itself is stored, in " + zone);
                assertEquals(Optional.of(day), Jdbc.first(c, "SELECT noted_on FROM t_note WHERE noted_on = ? AND id = ?",
                        r -> r.getDate(1).toLocalDate(), day, id), zone);
                assertEquals(Optional.of(at), Jdbc.first(c, "SELECT at_time FROM t_note WHERE id = ?",
                        r -> r.getTimestamp(1).toInstant(), id), "a time reads back as written, in " + zone);
            }
        } finally {
            java.util.TimeZone.setDefault(before);
        }
    }
}
