package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;
import org.gigaplan.usage.internal.store.KeptCounts.Basis;

/**
 * The city's counts per fiscal year, week and scene ({@code usage_city_week}), summed over the schools' weekly counts
 * ({@code usage_school_week}) so that the city's trend reads a few rows a week, not every school's: classes reporting
 * and meeting the target, schools reporting, schools meeting the school rule ({@link KeptCounts#schoolMeets}) and
 * schools with demo records. Kept in stripes, a school always in the same one, so that schools writing at once rarely
 * wait on one row; a view sums the stripes. Each write adds the difference its changed school-weeks make, in its
 * transaction and in key order (writers of different schools lock stripes in one order, never in a cycle); the
 * module recounts it whole when it starts with another target or share, or finds its sums apart from the schools'.
 */
final class CityWeeks {

    /** How many rows a week and scene is spread over; a school's stripe follows from its id. */
    static final int STRIPES = 16;

    private CityWeeks() {
    }

    /** A school's week: what a write changed. */
    record SchoolWeek(String schoolId, LocalDate week) {
    }

    /** A row of the schools' weekly counts, by its key. */
    record At(String schoolId, LocalDate week, int scene) {
    }

    /** A school's counts of one week and scene. */
    record Counts(int fiscalYear, int classes, int meeting, boolean demo) {

        Counts plus(int classes, int meeting, boolean demo) {
            return new Counts(fiscalYear, this.classes + classes, this.meeting + meeting, this.demo || demo);
        }
    }

    /** The city row's key. */
    private record Key(int fiscalYear, LocalDate week, int scene, int stripe) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparingInt(Key::fiscalYear).thenComparing(Key::week)
            .thenComparingInt(Key::scene).thenComparingInt(Key::stripe);

    static int stripe(String schoolId) {
        return Math.floorMod(schoolId.hashCode(), STRIPES);
    }

    /** The schools' weekly counts of the given school-weeks, every scene: one read of the primary key each. */
    static Map<At, Counts> read(Connection c, Collection<SchoolWeek> weeks) throws SQLException {
        Map<At, Counts> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT scene, fiscal_year, classes, classes_meeting, demo "
                + "FROM usage_school_week WHERE school_id = ? AND week = ?")) {
            for (SchoolWeek w : new HashSet<>(weeks)) {
                s.setString(1, w.schoolId());
                Jdbc.setDate(s, 2, w.week());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(new At(w.schoolId(), w.week(), r.getInt(1)),
                                new Counts(r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5) != 0));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Adds to the city's rows the difference between the schools' weekly counts {@code before} and {@code after} a
     * write (a row absent on one side counts nothing there).
     */
    static void add(Connection c, Map<At, Counts> before, Map<At, Counts> after, Basis basis) throws SQLException {
        Map<Key, int[]> deltas = new TreeMap<>(ORDER);
        Set<At> changed = new HashSet<>(before.keySet());
        changed.addAll(after.keySet());
        for (At at : changed) {
            Counts was = before.get(at);
            Counts is = after.get(at);
            if (is != null) {
                count(deltas, at, is, 1, basis);
            }
            if (was != null) {
                count(deltas, at, was, -1, basis);
            }
        }
        deltas.values().removeIf(d -> d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0 && d[4] == 0);
        write(c, deltas, basis);
    }

    /** Adds (sign 1) or takes out (-1) one school's counts of a week and scene. */
    private static void count(Map<Key, int[]> into, At at, Counts n, int sign, Basis basis) {
        int[] d = into.computeIfAbsent(new Key(n.fiscalYear(), at.week(), at.scene(), stripe(at.schoolId())),
                k -> new int[5]);
        d[0] += sign * n.classes();
        d[1] += sign * n.meeting();
        d[2] += sign;
        d[3] += KeptCounts.schoolMeets(n.classes(), n.meeting(), basis.share()) ? sign : 0;
        d[4] += n.demo() ? sign : 0;
    }

    /** Adds each key's difference, in key order; a key with no row yet is inserted with it. */
    private static void write(Connection c, Map<Key, int[]> deltas, Basis basis) throws SQLException {
        UpsertBatch rows = UpsertBatch.into("usage_city_week").key("fiscal_year", "week", "scene", "stripe")
                .add("classes", "classes_meeting", "schools", "schools_meeting", "demo_schools")
                .onInsert("target", "school_share");
        deltas.forEach((k, d) -> rows.row(k.fiscalYear(), k.week(), k.scene(), k.stripe(), d[0], d[1], d[2], d[3], d[4],
                basis.target(), basis.share()));
        rows.run(c);
    }

    /**
     * Whether the city's rows must be recounted: counted by another target or share, or their sums apart from the
     * schools' weekly counts (never counted, or schools' weeks written by a node that did not keep them).
     */
    static boolean stale(Connection c, Basis basis) throws SQLException {
        long[] city = Jdbc.list(c, "SELECT COUNT(*), MIN(target), MAX(target), MIN(school_share), MAX(school_share), "
                + "SUM(classes), SUM(schools) FROM usage_city_week", r -> new long[] { r.getLong(1), r.getLong(2),
                        r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7) }).get(0);
        long[] schools = Jdbc.list(c, "SELECT SUM(classes), COUNT(*) FROM usage_school_week",
                r -> new long[] { r.getLong(1), r.getLong(2) }).get(0);
        boolean basisDiffers = city[0] > 0 && (city[1] != basis.target() || city[2] != basis.target()
                || city[3] != basis.share() || city[4] != basis.share());
        return basisDiffers || city[5] != schools[0] || city[6] != schools[1];
    }

    /** Counts the city's rows again from every school's weekly counts. */
    static void recount(Connection c, Basis basis) throws SQLException {
        Jdbc.update(c, "DELETE FROM usage_city_week");
        Map<Key, int[]> sums = new TreeMap<>(ORDER);
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, week, scene, fiscal_year, classes, "
                + "classes_meeting, demo FROM usage_school_week"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                count(sums, new At(r.getString(1), r.getDate(2).toLocalDate(), r.getInt(3)),
                        new Counts(r.getInt(4), r.getInt(5), r.getInt(6), r.getInt(7) != 0), 1, basis);
            }
        }
        write(c, sums, basis);
    }

    /**
     * The city's counts per week and scene of a fiscal year, every stripe summed, less the schools {@code without}
     * (read from their own weekly counts and taken out by the same rule). Weeks and scenes no school reported are
     * left out.
     */
    static List<WeekQueries.WeekTotal> totals(Connection c, int fiscalYear, Collection<String> without, int share)
            throws SQLException {
        record WeekScene(LocalDate week, int scene) {
        }
        Map<WeekScene, int[]> sums = new TreeMap<>(Comparator.comparing(WeekScene::week)
                .thenComparingInt(WeekScene::scene));
        try (PreparedStatement s = c.prepareStatement("SELECT week, scene, SUM(classes), SUM(classes_meeting), "
                + "SUM(schools), SUM(schools_meeting), SUM(demo_schools) FROM usage_city_week WHERE fiscal_year = ? "
                + "GROUP BY week, scene")) {
            s.setInt(1, fiscalYear);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sums.put(new WeekScene(r.getDate(1).toLocalDate(), r.getInt(2)), new int[] { r.getInt(3),
                            r.getInt(4), r.getInt(5), r.getInt(6), r.getInt(7) });
                }
            }
        }
        if (!without.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT week, scene, classes, classes_meeting, demo "
                    + "FROM usage_school_week WHERE fiscal_year = ? AND school_id = ?")) {
                s.setInt(1, fiscalYear);
                for (String school : without) {
                    s.setString(2, school);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            int[] d = sums.computeIfAbsent(new WeekScene(r.getDate(1).toLocalDate(), r.getInt(2)),
                                    k -> new int[5]);
                            int classes = r.getInt(3);
                            int meeting = r.getInt(4);
                            d[0] -= classes;
                            d[1] -= meeting;
                            d[2]--;
                            d[3] -= KeptCounts.schoolMeets(classes, meeting, share) ? 1 : 0;
                            d[4] -= r.getInt(5) != 0 ? 1 : 0;
                        }
                    }
                }
            }
        }
        List<WeekQueries.WeekTotal> out = new ArrayList<>();
        sums.forEach((k, d) -> {
            if (d[2] > 0) {
                out.add(new WeekQueries.WeekTotal(k.week(), k.scene(), d[0], d[1], d[2], d[3], d[4] > 0));
            }
        });
        return out;
    }
}
