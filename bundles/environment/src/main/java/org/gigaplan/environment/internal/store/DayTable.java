package org.gigaplan.environment.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A table of what is kept per school and day ({@link #DAYS}) or week ({@link #WEEKS}): its name, its column of the day
 * (or the week's Monday), and whether its learners keep their times.
 */
record DayTable(String name, String day, boolean times) {

    static final DayTable DAYS = new DayTable("env_xapi_school_day", "day", true);
    static final DayTable WEEKS = new DayTable("env_xapi_school_week", "week", false);

    /** The columns of its learners. */
    String[] learnerColumns() {
        return times ? new String[] { "learners", "spans" } : new String[] { "learners" };
    }

    /** A row's learners as its columns take them. */
    void addTo(List<Object> row, Learners learners) {
        row.add(learners == null ? null : learners.numbersBytes());
        if (times) {
            row.add(learners == null ? null : learners.spansBytes());
        }
    }

    /** The learners of a row read from {@code column} on. */
    Learners read(ResultSet r, int column) throws SQLException {
        return times ? Learners.ofDay(r.getBytes(column), r.getBytes(column + 1)) : Learners.ofWeek(r.getBytes(column));
    }
}
