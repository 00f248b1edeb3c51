package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;
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
        addCounts(c, CountTable.SCHOOL_PERIOD, counts, storedPeriods(c, counts.keySet()), target, now);
        Map<CityWeeks.At, CityWeeks.Counts> before = CityWeeks.read(c, schoolWeeks.keySet().stream()
                .map(k -> new CityWeeks.SchoolWeek(k.schoolId(), k.first())).toList());
        Set<List<Object>> storedWeeks = new HashSet<>();
        before.keySet().forEach(at -> storedWeeks.add(List.of(at.schoolId(), at.week(), at.scene())));
        addCounts(c, CountTable.SCHOOL_WEEK, schoolWeeks, storedWeeks, target, now);
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

        Totals(Cell cell) {
            this.cell = cell;
        }
    }

    /**
     * The stored weeks and uses of the spans' classes, for the spans asked (what meeting the target follows from); one
     * read of the primary key per class.
     */
    private static Map<ClassSpan, Totals> classTotals(Connection c, Set<ClassSpan> spans) throws SQLException {
        Set<Long> classIds = new LinkedHashSet<>();
        spans.forEach(k -> classIds.add(k.classId()));
        Map<ClassSpan, Totals> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT first_week, last_week, scene, weeks, uses "
                + "FROM usage_class_period WHERE class_id = ?")) {
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
                            out.put(k, t);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Adds each span's difference to its class's stored totals; a span not stored ({@code old} has it not, read under
     * the school's lock) is inserted with it, with no update tried first.
     */
    private static void writeClassTotals(Connection c, Map<ClassSpan, Totals> spans, Map<ClassSpan, Totals> old,
            Instant now) throws SQLException {
        UpsertBatch rows = UpsertBatch.into("usage_class_period").key("class_id", "first_week", "last_week", "scene")
                .add("weeks", "uses", "event_weeks").raise("demo").latest("updated_at")
                .onInsert("fiscal_year", "school_id", "grade");
        spans.forEach((k, d) -> {
            Object[] row = { k.classId(), k.first(), k.last(), k.scene(), d.weeks, d.uses, d.eventWeeks, d.demo, now,
                d.cell.fiscalYear(), d.cell.schoolId(), d.cell.grade() };
            rows.knownRow(old.containsKey(k), row);
        });
        rows.run(c);
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

        /** The key's values, in the order of its columns. */
        List<Object> key(Counted k) {
            return key.stream().<Object>map(column -> switch (column) {
                case "school_id" -> k.schoolId();
                case "grade" -> k.grade();
                case "first_week", "week" -> k.first();
                case "last_week" -> k.last();
                default -> k.scene();
            }).toList();
        }
    }

    /**
     * The keys of {@code usage_school_period} stored among those of the counts, as {@link CountTable#key} gives them:
     * one read of the primary key's range per school and grade, from the earliest first week asked to the latest.
     */
    private static Set<List<Object>> storedPeriods(Connection c, Set<Counted> counts) throws SQLException {
        record Grade(String schoolId, int grade) {
        }
        Map<Grade, LocalDate[]> ranges = new LinkedHashMap<>();
        for (Counted k : counts) {
            LocalDate[] range = ranges.computeIfAbsent(new Grade(k.schoolId(), k.grade()),
                    g -> new LocalDate[] { k.first(), k.first() });
            range[0] = k.first().isBefore(range[0]) ? k.first() : range[0];
            range[1] = k.first().isAfter(range[1]) ? k.first() : range[1];
        }
        Set<List<Object>> out = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT first_week, last_week, scene FROM usage_school_period "
                + "WHERE school_id = ? AND grade = ? AND first_week BETWEEN ? AND ?")) {
            for (Map.Entry<Grade, LocalDate[]> e : ranges.entrySet()) {
                s.setString(1, e.getKey().schoolId());
                s.setInt(2, e.getKey().grade());
                Jdbc.setDate(s, 3, e.getValue()[0]);
                Jdbc.setDate(s, 4, e.getValue()[1]);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(List.of(e.getKey().schoolId(), e.getKey().grade(), r.getDate(1).toLocalDate(),
                                r.getDate(2).toLocalDate(), r.getInt(3)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Adds the counts' differences to a kept table; a key not {@code stored} (read under the schools' locks) is
     * inserted with its difference, with no update tried first (a key with no row counts no class, so its difference
     * is its count).
     */
    private static void addCounts(Connection c, CountTable table, Map<Counted, Count> counts, Set<List<Object>> stored,
            int target, Instant now) throws SQLException {
        UpsertBatch rows = UpsertBatch.into(table.table).key(table.key.toArray(String[]::new))
                .add("classes", "classes_meeting").raise("demo").latest("updated_at").onInsert("fiscal_year", "target");
        counts.forEach((k, n) -> {
            List<Object> key = table.key(k);
            List<Object> values = new ArrayList<>(key);
            values.addAll(List.of(n.classes, n.meeting, n.demo, now, k.fiscalYear(), target));
            rows.knownRow(stored.contains(key), values.toArray());
        });
        rows.run(c);
    }
}
