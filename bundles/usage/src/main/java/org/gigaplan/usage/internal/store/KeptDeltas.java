package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.usage.internal.SchoolCalendar.Period;
import org.gigaplan.usage.internal.store.KeptCounts.Basis;
import org.gigaplan.usage.internal.store.WeekStore.Cell;
import org.gigaplan.usage.internal.store.WeekStore.Change;
import org.gigaplan.usage.internal.store.WeekStore.Figure;

/**
 * Brings what {@link KeptCounts} keeps up to date after a write that set or added to weekly figures, by the
 * difference each changed figure makes instead of recounting the layer below: a check-in or a batch of events costs
 * what it touched, not the weeks and classes beside it. Each kept row is a sum or a count over the figures (or over
 * the classes' period totals), so adding a figure's difference keeps it equal to a recount, which the module's
 * kept-counts contract checks after every kind of write. A write that clears a figure's demo flag falls back to the
 * recount ({@link KeptCounts#refresh}): a maximum cannot be lowered by a difference. Removals recount too. The
 * city's weekly counts ({@link CityWeeks}) follow the schools' by their difference either way.
 */
public final class KeptDeltas {

    private KeptDeltas() {
    }

    /** Applies the changes' differences in the write's transaction; the caller holds the schools' locks. */
    public static void apply(Connection c, List<Change> changes, Basis basis, Instant now) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        if (changes.stream().anyMatch(x -> x.before() != null && x.before().demo() && !x.after().demo())) {
            KeptCounts.refresh(c, changes.stream().map(Change::cell).toList(), basis);
            return;
        }
        int target = basis.target();
        Map<ClassSpan, Totals> spans = new LinkedHashMap<>();
        Map<Counted, Count> counts = new LinkedHashMap<>();
        Map<Counted, Count> schoolWeeks = new LinkedHashMap<>();
        for (Change x : changes) {
            Cell cell = x.cell();
            Figure before = x.before();
            Figure after = x.after();
            int reported = before == null ? 1 : 0;
            int meeting = (KeptCounts.meets(after.uses(), 1, target) ? 1 : 0)
                    - (before != null && KeptCounts.meets(before.uses(), 1, target) ? 1 : 0);
            counts.computeIfAbsent(new Counted(cell.schoolId(), cell.grade(), cell.fiscalYear(), cell.week(), cell.week(),
                    cell.scene()), k -> new Count()).add(reported, meeting, after.demo());
            schoolWeeks.computeIfAbsent(new Counted(cell.schoolId(), 0, cell.fiscalYear(), cell.week(), cell.week(),
                    cell.scene()), k -> new Count()).add(reported, meeting, after.demo());
            for (Period p : basis.periodsOf(cell.fiscalYear(), cell.week())) {
                Totals t = spans.computeIfAbsent(new ClassSpan(cell.classId(), p.firstWeek(), p.lastWeek(), cell.scene()),
                        k -> new Totals(cell));
                t.weeks += reported;
                t.uses += after.uses() - (before == null ? 0 : before.uses());
                t.eventWeeks += (after.eventUses() > 0 ? 1 : 0) - (before != null && before.eventUses() > 0 ? 1 : 0);
                t.demo |= after.demo();
            }
        }
        Map<ClassSpan, Totals> old = classTotals(c, spans.keySet());
        writeClassTotals(c, spans, old, now);
        // A class counts in its grade's period once it reported in it, and meets when its period's uses reach the
        // target for each week it reported.
        spans.forEach((k, delta) -> {
            Totals was = old.get(k);
            long weeks = delta.weeks + (was == null ? 0 : was.weeks);
            long uses = delta.uses + (was == null ? 0 : was.uses);
            int meeting = (KeptCounts.meets(uses, weeks, target) ? 1 : 0)
                    - (was != null && KeptCounts.meets(was.uses, was.weeks, target) ? 1 : 0);
            counts.computeIfAbsent(new Counted(delta.cell.schoolId(), delta.cell.grade(), delta.cell.fiscalYear(),
                    k.first(), k.last(), k.scene()), x -> new Count()).add(was == null ? 1 : 0, meeting, delta.demo);
        });
        addCounts(c, CountTable.SCHOOL_PERIOD, counts, target, now);
        Map<CityWeeks.At, CityWeeks.Counts> before = CityWeeks.read(c, schoolWeeks.keySet().stream()
                .map(k -> new CityWeeks.SchoolWeek(k.schoolId(), k.first())).toList());
        addCounts(c, CountTable.SCHOOL_WEEK, schoolWeeks, target, now);
        // The city's rows by the same differences: each school-week as it was, and with the write's added.
        Map<CityWeeks.At, CityWeeks.Counts> after = new HashMap<>(before);
        schoolWeeks.forEach((k, n) -> after.merge(new CityWeeks.At(k.schoolId(), k.first(), k.scene()),
                new CityWeeks.Counts(k.fiscalYear(), n.classes, n.meeting, n.demo),
                (was, d) -> was.plus(d.classes(), d.meeting(), d.demo())));
        CityWeeks.add(c, before, after, basis);
    }

    /** A class's totals of one scene over one kept period: {@code usage_class_period}'s key. */
    private record ClassSpan(long classId, LocalDate first, LocalDate last, int scene) {
    }

    /** A class's period totals, or their difference. */
    private static final class Totals {
        final Cell cell;
        long weeks;
        long uses;
        long eventWeeks;
        boolean demo;
        Instant updatedAt;

        Totals(Cell cell) {
            this.cell = cell;
        }
    }

    /** The stored totals of the spans' classes, for the spans asked; one read of the primary key per class. */
    private static Map<ClassSpan, Totals> classTotals(Connection c, Set<ClassSpan> spans) throws SQLException {
        Set<Long> classIds = new LinkedHashSet<>();
        spans.forEach(k -> classIds.add(k.classId()));
        Map<ClassSpan, Totals> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT first_week, last_week, scene, weeks, uses, event_weeks, "
                + "demo, updated_at FROM usage_class_period WHERE class_id = ?")) {
            for (long classId : classIds) {
                s.setLong(1, classId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ClassSpan k = new ClassSpan(classId, r.getDate(1).toLocalDate(), r.getDate(2).toLocalDate(),
                                r.getInt(3));
                        if (spans.contains(k)) {
                            Totals t = new Totals(null);
                            t.weeks = r.getLong(4);
                            t.uses = r.getLong(5);
                            t.eventWeeks = r.getLong(6);
                            t.demo = r.getInt(7) != 0;
                            t.updatedAt = r.getTimestamp(8).toInstant();
                            out.put(k, t);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Writes each span's totals (the stored ones plus the difference): one batch of updates, one of inserts. */
    private static void writeClassTotals(Connection c, Map<ClassSpan, Totals> spans, Map<ClassSpan, Totals> old,
            Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE usage_class_period SET weeks = ?, uses = ?, "
                + "event_weeks = ?, demo = ?, updated_at = ? WHERE class_id = ? AND first_week = ? AND last_week = ? "
                + "AND scene = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO usage_class_period (weeks, uses, event_weeks, "
                        + "demo, updated_at, class_id, first_week, last_week, scene, fiscal_year, school_id, grade) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean updates = false;
            boolean inserts = false;
            for (Map.Entry<ClassSpan, Totals> e : spans.entrySet()) {
                ClassSpan k = e.getKey();
                Totals d = e.getValue();
                Totals was = old.get(k);
                PreparedStatement s = was == null ? insert : update;
                s.setLong(1, d.weeks + (was == null ? 0 : was.weeks));
                s.setLong(2, d.uses + (was == null ? 0 : was.uses));
                s.setLong(3, d.eventWeeks + (was == null ? 0 : was.eventWeeks));
                s.setInt(4, d.demo || was != null && was.demo ? 1 : 0);
                s.setTimestamp(5, Timestamp.from(was == null || was.updatedAt.isBefore(now) ? now : was.updatedAt));
                s.setLong(6, k.classId());
                s.setDate(7, Date.valueOf(k.first()));
                s.setDate(8, Date.valueOf(k.last()));
                s.setInt(9, k.scene());
                if (was == null) {
                    s.setInt(10, d.cell.fiscalYear());
                    s.setString(11, d.cell.schoolId());
                    s.setInt(12, d.cell.grade());
                    inserts = true;
                } else {
                    updates = true;
                }
                s.addBatch();
            }
            if (updates) {
                update.executeBatch();
            }
            if (inserts) {
                insert.executeBatch();
            }
        }
    }

    /**
     * What a school keeps per grade and period ({@code usage_school_period}), or per week ({@code usage_school_week}:
     * grade 0, first = last = the week).
     */
    private record Counted(String schoolId, int grade, int fiscalYear, LocalDate first, LocalDate last, int scene) {
    }

    /** The difference in classes reporting and classes meeting the target, and whether a demo record came in. */
    private static final class Count {
        int classes;
        int meeting;
        boolean demo;

        void add(int classes, int meeting, boolean demo) {
            this.classes += classes;
            this.meeting += meeting;
            this.demo |= demo;
        }
    }

    /** A kept table of classes and classes meeting: its key columns, and how a {@link Counted} binds to them. */
    private enum CountTable {
        SCHOOL_PERIOD("usage_school_period", List.of("school_id", "grade", "first_week", "last_week", "scene")),
        SCHOOL_WEEK("usage_school_week", List.of("school_id", "week", "scene"));

        final String table;
        final List<String> key;

        CountTable(String table, List<String> key) {
            this.table = table;
            this.key = key;
        }

        /** Binds the key from {@code from}; returns the next parameter's index. */
        int bindKey(PreparedStatement s, int from, Counted k) throws SQLException {
            for (String column : key) {
                switch (column) {
                    case "school_id" -> s.setString(from, k.schoolId());
                    case "grade" -> s.setInt(from, k.grade());
                    case "first_week", "week" -> s.setDate(from, Date.valueOf(k.first()));
                    case "last_week" -> s.setDate(from, Date.valueOf(k.last()));
                    default -> s.setInt(from, k.scene());
                }
                from++;
            }
            return from;
        }
    }

    /**
     * Adds the counts' differences to a kept table: one batch of updates, then one of inserts for the keys not stored
     * yet (a key with no row counts no class, so its difference is its count).
     */
    private static void addCounts(Connection c, CountTable table, Map<Counted, Count> counts, int target, Instant now)
            throws SQLException {
        List<Map.Entry<Counted, Count>> entries = new ArrayList<>(counts.entrySet());
        int[] updated;
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table.table + " SET classes = classes + ?, "
                + "classes_meeting = classes_meeting + ?, demo = CASE WHEN ? = 1 THEN 1 ELSE demo END, "
                + "updated_at = CASE WHEN updated_at IS NULL OR updated_at < ? THEN ? ELSE updated_at END WHERE "
                + String.join(" = ? AND ", table.key) + " = ?")) {
            for (Map.Entry<Counted, Count> e : entries) {
                s.setInt(1, e.getValue().classes);
                s.setInt(2, e.getValue().meeting);
                s.setInt(3, e.getValue().demo ? 1 : 0);
                s.setTimestamp(4, at);
                s.setTimestamp(5, at);
                table.bindKey(s, 6, e.getKey());
                s.addBatch();
            }
            updated = s.executeBatch();
        }
        boolean inserts = false;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table.table + " (" + String.join(", ", table.key)
                + ", fiscal_year, classes, classes_meeting, target, demo, updated_at) VALUES ("
                + "?, ".repeat(table.key.size()) + "?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < entries.size(); i++) {
                if (updated[i] != 0) {
                    continue;
                }
                Counted k = entries.get(i).getKey();
                Count n = entries.get(i).getValue();
                int next = table.bindKey(s, 1, k);
                s.setInt(next, k.fiscalYear());
                s.setInt(next + 1, n.classes);
                s.setInt(next + 2, n.meeting);
                s.setInt(next + 3, target);
                s.setInt(next + 4, n.demo ? 1 : 0);
                s.setTimestamp(next + 5, at);
                s.addBatch();
                inserts = true;
            }
            if (inserts) {
                s.executeBatch();
            }
        }
    }
}
