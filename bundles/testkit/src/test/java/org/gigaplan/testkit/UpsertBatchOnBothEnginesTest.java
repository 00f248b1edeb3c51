package org.gigaplan.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * plan-model's {@link UpsertBatch} on Derby and PostgreSQL: on PostgreSQL a batch of several rows is written by one
 * UPDATE joined with its values (each cast to its column's type), which these batches reach; a batch naming a key
 * twice goes row by row. The same rows give the same table on both engines.
 */
class UpsertBatchOnBothEnginesTest {

    private static final LocalDate MONDAY = LocalDate.of(2025, 6, 2);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final Instant NINE = Instant.parse("2025-06-02T00:00:00Z");
    private static final Instant TEN = Instant.parse("2025-06-02T01:00:00Z");

    private static void create(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE kit_day (school_id VARCHAR(20) NOT NULL, day DATE NOT NULL, "
                    + "statements BIGINT NOT NULL, score_sum DOUBLE PRECISION NOT NULL, demo SMALLINT NOT NULL, "
                    + "updated_at TIMESTAMP, fiscal_year INT NOT NULL, note VARCHAR(20), "
                    + "PRIMARY KEY (school_id, day))");
        }
    }

    private static UpsertBatch days() {
        return UpsertBatch.into("kit_day").key("school_id", "day").set("note").add("statements", "score_sum")
                .raise("demo").latest("updated_at").onInsert("fiscal_year");
    }

    private static List<String> rows(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT school_id, day, statements, score_sum, demo, updated_at, fiscal_year, note "
                + "FROM kit_day ORDER BY school_id, day", r -> r.getString(1) + " " + r.getDate(2).toLocalDate() + " "
                        + r.getLong(3) + " " + r.getDouble(4) + " d" + r.getInt(5) + " "
                        + (r.getTimestamp(6) == null ? null : r.getTimestamp(6).toInstant()) + " fy" + r.getInt(7) + " "
                        + r.getString(8));
    }

    @ParameterizedTest
    @ValueSource(strings = { "derby", "postgres" })
    void manyRowsAddSetRaiseAndKeepTheLatestAsOneRowAtATimeWould(String engine) {
        TestDatabase db = TestDatabase.of(engine, "upsertbatch");
        List<String> table = db.transaction(c -> {
            create(c);
            assertArrayEquals(new boolean[] { true, true, true }, days()
                    .row("S-1", MONDAY, "a", 2, 1.5, true, TEN, 2025)
                    .row("S-1", TUESDAY, null, 1, 0.5, false, null, 2025)
                    .row("S-2", MONDAY, "b", 1, 0.5, false, NINE, 2025).run(c));
            // Three stored rows updated at once (a null set, a flag never lowered, an earlier time left), one new.
            assertArrayEquals(new boolean[] { false, false, true, false }, days()
                    .row("S-1", MONDAY, null, 3, 0.25, false, NINE, 2099)
                    .row("S-1", TUESDAY, "c", 1, 1.0, 1, NINE, 2099)
                    .row("S-3", MONDAY, "d", 1, 0.0, 0, null, 2025)
                    .row("S-2", MONDAY, "b", -1, 0.5, 1, TEN, 2099).run(c));
            // A key twice in one batch: both rows added, as two statements would.
            assertArrayEquals(new boolean[] { false, false }, days()
                    .row("S-3", MONDAY, "e", 1, 1.0, 0, TEN, 2025)
                    .row("S-3", MONDAY, "f", 1, 1.0, 0, NINE, 2025).run(c));
            // An update alone says which rows it found; one expecting a value no longer stored is left.
            assertArrayEquals(new boolean[] { true, false, false }, UpsertBatch.into("kit_day")
                    .key("school_id", "day").add("score_sum").expect("statements")
                    .row("S-1", MONDAY, 10.0, 5L).row("S-2", MONDAY, 10.0, 1L).row("S-2", TUESDAY, 1.0, 0L)
                    .update(c));
            List<String> written = rows(c);
            try (java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE kit_day");
            }
            return written;
        });
        assertEquals(List.of("S-1 2025-06-02 5 11.75 d1 " + TEN + " fy2025 null",
                "S-1 2025-06-03 2 1.5 d1 " + NINE + " fy2025 c",
                "S-2 2025-06-02 0 1.0 d1 " + TEN + " fy2025 b",
                "S-3 2025-06-02 3 2.0 d0 " + TEN + " fy2025 f"), table, engine);
    }
}
