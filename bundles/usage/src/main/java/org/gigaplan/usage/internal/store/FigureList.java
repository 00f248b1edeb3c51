package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.usage.internal.SchoolCalendar.Period;
import org.gigaplan.usage.internal.WeeklyFigure;

/**
 * The stored weekly figures as a list, by school, grade, class, week and scene (GET usage/check-ins and its export),
 * read class by class: the classes come in order from their unique index, each with its count of figures (of a year
 * from its totals kept for the year, {@code usage_class_period}, whose {@code weeks} counts a class's figures of a
 * scene; of a week by its key), and only the classes a page or a chunk needs are read, their figures by their key.
 * Sorting the city's year of figures for every page took about 6 s at 1.2 million (the usage benchmark), and an export
 * sorted what was left of it for every chunk.
 */
public final class FigureList {

    /** A class with figures: its key in the list's order and how many figures it has in the weeks listed. */
    private record ClassFigures(long classId, String schoolId, int grade, String name, long figures) {
    }

    private final Database db;

    public FigureList(Database db) {
        this.db = db;
    }

    /**
     * A page of a year's figures ({@code week} null) or of one week's; of one school when {@code schoolId} is not
     * null.
     */
    public List<WeeklyFigure> page(Period year, String schoolId, LocalDate week, int offset, int limit) {
        Span span = Span.of(year, week);
        return db.transaction(c -> {
            List<ClassFigures> read = new ArrayList<>();
            long before = 0;
            long skip = 0;
            try (Classes classes = new Classes(c, span, schoolId, null)) {
                for (ClassFigures k = classes.next(); k != null && before < (long) offset + limit; k = classes.next()) {
                    if (before + k.figures() > offset) {
                        if (read.isEmpty()) {
                            skip = offset - before;
                        }
                        read.add(k);
                    }
                    before += k.figures();
                }
            }
            List<WeeklyFigure> figures = figuresOf(c, span, read);
            return figures.subList((int) Math.min(skip, figures.size()), (int) Math.min(skip + limit, figures.size()));
        });
    }

    /** How many figures {@link #page} lists in all: a year's from the totals kept per class, a week's counted. */
    public long count(Period year, String schoolId, LocalDate week) {
        String sql = week != null ? "SELECT COUNT(*) FROM usage_week WHERE week = ?" + WeekQueries.andSchool(schoolId)
                : "SELECT SUM(weeks) FROM usage_class_period WHERE first_week = ? AND last_week = ?"
                        + WeekQueries.andSchool(schoolId);
        List<Object> parameters = week != null ? WeekQueries.params(schoolId, week)
                : WeekQueries.params(schoolId, year.firstWeek(), year.lastWeek());
        return db.transaction(c -> Jdbc.first(c, sql, r -> r.getLong(1), parameters.toArray()).orElse(0L));
    }

    /**
     * The figures of the year's next classes after {@code after}'s (from the first when null), whole classes up to
     * {@code limit} figures or the first past it; empty at the end. An export reads chunk after chunk, each its own
     * short transaction, and neither repeats nor skips a class when check-ins arrive meanwhile.
     */
    public List<WeeklyFigure> after(Period year, String schoolId, WeeklyFigure after, int limit) {
        Span span = Span.of(year, null);
        return db.transaction(c -> {
            List<ClassFigures> read = new ArrayList<>();
            long figures = 0;
            try (Classes classes = new Classes(c, span, schoolId, after)) {
                for (ClassFigures k = classes.next(); k != null && figures < limit; k = classes.next()) {
                    read.add(k);
                    figures += k.figures();
                }
            }
            return figuresOf(c, span, read);
        });
    }

    /**
     * The weeks listed: a fiscal year's (each class's count of figures from its totals kept for the year) or one
     * week's (counted).
     */
    private record Span(LocalDate firstWeek, LocalDate lastWeek, boolean oneWeek) {

        static Span of(Period year, LocalDate week) {
            return week == null ? new Span(year.firstWeek(), year.lastWeek(), false) : new Span(week, week, true);
        }
    }

    /**
     * The classes with figures in the span, one after the other in the list's order (the classes' unique index), each
     * with its count of figures (of a year from its totals kept for the year, of a week counted), read by its key: a
     * page reads as many classes as it needs. (Counted a block of classes at a time, or in the classes' statement,
     * PostgreSQL read the period's index or every class; each class's count by its key is quick on both databases.)
     */
    private static final class Classes implements AutoCloseable {

        private final PreparedStatement list;
        private final PreparedStatement count;
        private final ResultSet rows;

        /** Of a school when {@code schoolId} is not null; those after {@code after}'s class when it is not null. */
        Classes(Connection c, Span span, String schoolId, WeeklyFigure after) throws SQLException {
            List<Object> parameters = new ArrayList<>();
            if (schoolId != null) {
                parameters.add(schoolId);
            }
            if (after != null) {
                parameters.addAll(List.of(after.schoolId(), after.schoolId(), after.grade(), after.grade(),
                        after.className()));
            }
            String where = (schoolId == null ? "" : " AND school_id = ?") + (after == null ? ""
                    : " AND (school_id > ? OR (school_id = ? AND (grade > ? OR (grade = ? AND name > ?))))");
            list = c.prepareStatement("SELECT id, school_id, grade, name FROM usage_class"
                    + (where.isEmpty() ? "" : " WHERE" + where.substring(4)) + " ORDER BY school_id, grade, name");
            count = c.prepareStatement(span.oneWeek()
                    ? "SELECT COUNT(*) FROM usage_week WHERE class_id = ? AND week = ?"
                    : "SELECT SUM(weeks) FROM usage_class_period WHERE class_id = ? AND first_week = ? "
                            + "AND last_week = ?");
            for (int i = 0; i < parameters.size(); i++) {
                list.setObject(i + 1, parameters.get(i));
            }
            Jdbc.setDate(count, 2, span.firstWeek());
            if (!span.oneWeek()) {
                Jdbc.setDate(count, 3, span.lastWeek());
            }
            rows = list.executeQuery();
        }

        /** The next class with figures in the span, or null after the last. */
        ClassFigures next() throws SQLException {
            while (rows.next()) {
                count.setLong(1, rows.getLong(1));
                try (ResultSet r = count.executeQuery()) {
                    long figures = r.next() ? r.getLong(1) : 0;
                    if (figures > 0) {
                        return new ClassFigures(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                                figures);
                    }
                }
            }
            return null;
        }

        @Override
        public void close() throws SQLException {
            try (list; count) {
                rows.close();
            }
        }
    }

    /**
     * The span's figures of these classes, in the order given, each class's by week and scene: one statement a class,
     * by its key.
     */
    private static List<WeeklyFigure> figuresOf(Connection c, Span span, List<ClassFigures> classes)
            throws SQLException {
        List<WeeklyFigure> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT week, scene, checkin_uses, checkin_answer, event_uses, "
                + "uses, demo FROM usage_week WHERE class_id = ? AND week BETWEEN ? AND ? ORDER BY week, scene")) {
            Jdbc.setDate(s, 2, span.firstWeek());
            Jdbc.setDate(s, 3, span.lastWeek());
            for (ClassFigures k : classes) {
                s.setLong(1, k.classId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int checkin = r.getInt(3);
                        Integer checkinUses = r.wasNull() ? null : checkin;
                        out.add(new WeeklyFigure(k.schoolId(), k.grade(), k.name(), r.getDate(1).toLocalDate(),
                                r.getInt(2), checkinUses, r.getString(4), r.getInt(5), r.getInt(6), r.getInt(7) > 0));
                    }
                }
            }
        }
        return out;
    }
}
