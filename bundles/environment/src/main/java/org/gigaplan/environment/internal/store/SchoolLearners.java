package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * Who has learning records at each school in any year, so that a summary of every year counts a school's learners
 * without sorting every learner-year: per school and learner, the fiscal years kept for them and the learner's number
 * at the school ({@code env_xapi_school_learner}); per school, how many learners and how many numbers given
 * ({@code env_xapi_school_learners}). Numbers run from 0 at each school and are never given twice, so a set of a
 * school's learners is a bit per number ({@link SchoolDays} keeps one per day and week). Kept with the learner-years a
 * batch makes, in its transaction and in key order; a learner's erasure takes them out.
 */
final class SchoolLearners {

    private static final String LEARNER = "env_xapi_school_learner";
    private static final String COUNTS = "env_xapi_school_learners";
    /** How many learners one read asks for: a fixed number, so the statement is prepared once. */
    private static final int CHUNK = 50;
    /**
     * The most numbers a school gives: a set of them, a bit per number, fills a row's column of learners
     * ({@link Learners#COLUMN_BYTES}). A learner past them (a school that has had 261,376 learners, or a client sending a new actor for every
     * session) is kept without a number, in no day's or week's set: a period's learners at that school are counted
     * from its statements ({@link #full}).
     */
    static final int MOST_NUMBERS = Learners.COLUMN_BYTES * Byte.SIZE;

    private SchoolLearners() {
    }

    /** A learner at a school, in key order. */
    record Learner(String schoolId, String learner) implements Comparable<Learner> {
        @Override
        public int compareTo(Learner o) {
            int bySchool = schoolId.compareTo(o.schoolId);
            return bySchool != 0 ? bySchool : learner.compareTo(o.learner);
        }
    }

    /**
     * The numbers of a batch's learners ({@code batch}: its learner-years; {@code fresh}, those it made, each adding
     * a year to its learner), giving one to each learner new to a school. A batch of known learners reads their
     * numbers and writes nothing else. Numbers are given with the school's count row locked, read again under that
     * lock, so two batches never give one number twice; two batches adding the same learner at once race for its key
     * (the caller runs in {@code transactionRetrying}). A learner stored by an older version without a number gets
     * one here too. A learner at a school that has given {@link #MOST_NUMBERS} has none (is not in the map).
     */
    static Map<Learner, Integer> keep(Connection c, Collection<LearnerYears.LearnerYear> batch,
            Collection<LearnerYears.LearnerYear> fresh) throws SQLException {
        SortedMap<Learner, Integer> newYears = new TreeMap<>();
        fresh.forEach(k -> newYears.merge(new Learner(k.schoolId, k.learner), 1, Integer::sum));
        SortedSet<Learner> learners = new TreeSet<>();
        batch.forEach(k -> learners.add(new Learner(k.schoolId, k.learner)));
        Map<Learner, Integer> numbers = new HashMap<>();
        Set<Learner> stored = read(c, learners, numbers);
        SortedSet<Learner> unnumbered = new TreeSet<>(learners);
        unnumbered.removeAll(numbers.keySet());
        if (!unnumbered.isEmpty()) {
            SortedSet<String> schools = new TreeSet<>();
            unnumbered.forEach(k -> schools.add(k.schoolId()));
            Map<String, Integer> given = lockCounts(c, schools);
            stored.addAll(read(c, unnumbered, numbers));
            unnumbered.removeAll(numbers.keySet());
            number(c, unnumbered, stored, given, newYears, numbers);
        }
        UpsertBatch years = UpsertBatch.into(LEARNER).key("school_id", "learner").add("years");
        for (Map.Entry<Learner, Integer> k : newYears.entrySet()) {
            if (stored.contains(k.getKey())) {
                years.row(k.getKey().schoolId(), k.getKey().learner(), k.getValue());
            }
        }
        years.update(c);
        return numbers;
    }

    /** Reads these learners' rows: the numbers of those numbered into {@code numbers}; those stored at all. */
    private static Set<Learner> read(Connection c, SortedSet<Learner> learners, Map<Learner, Integer> numbers)
            throws SQLException {
        Set<Learner> stored = new HashSet<>();
        String sql = "SELECT learner, number FROM " + LEARNER + " WHERE school_id = ? AND learner IN ("
                + Jdbc.marks(CHUNK) + ")";
        for (Map.Entry<String, List<String>> school : bySchool(learners).entrySet()) {
            for (Map.Entry<String, Integer> row : Jdbc.listIn(c, sql, CHUNK, List.of(school.getKey()),
                    school.getValue(), r -> new AbstractMap.SimpleEntry<>(r.getString(1),
                            Jdbc.nullableInt(r, 2)))) {
                Learner k = new Learner(school.getKey(), row.getKey());
                stored.add(k);
                if (row.getValue() != null) {
                    numbers.put(k, row.getValue());
                }
            }
        }
        return stored;
    }

    private static SortedMap<String, List<String>> bySchool(Collection<Learner> learners) {
        SortedMap<String, List<String>> out = new TreeMap<>();
        learners.forEach(k -> out.computeIfAbsent(k.schoolId(), x -> new ArrayList<>()).add(k.learner()));
        return out;
    }

    /** Locks the count rows of these schools (in key order), making those missing; the numbers given at each. */
    private static Map<String, Integer> lockCounts(Connection c, SortedSet<String> schools) throws SQLException {
        Map<String, Integer> given = new HashMap<>();
        try (PreparedStatement lock = c.prepareStatement("UPDATE " + COUNTS + " SET numbered = numbered "
                + "WHERE school_id = ?")) {
            for (String school : schools) {
                lock.setString(1, school);
                if (lock.executeUpdate() == 0) {
                    Jdbc.update(c, "INSERT INTO " + COUNTS + " (school_id, learners, numbered) VALUES (?, 0, 0)",
                            school);
                }
                given.put(school, Jdbc.first(c, "SELECT numbered FROM " + COUNTS + " WHERE school_id = ?",
                        r -> r.getInt(1), school).orElseThrow());
            }
        }
        return given;
    }

    /**
     * Gives the next numbers of their schools (counted in {@code given}, whose rows the caller holds) to learners
     * without one: a stored row gets its number, a learner new to the school a row; the counts follow.
     */
    private static void number(Connection c, SortedSet<Learner> unnumbered, Set<Learner> stored,
            Map<String, Integer> given, Map<Learner, Integer> newYears, Map<Learner, Integer> numbers)
            throws SQLException {
        UpsertBatch rows = UpsertBatch.into(LEARNER).key("school_id", "learner").set("number").onInsert("years");
        SortedMap<String, long[]> counts = new TreeMap<>();
        for (Learner k : unnumbered) {
            boolean numbered = given.get(k.schoolId()) < MOST_NUMBERS;
            Integer number = numbered ? given.merge(k.schoolId(), 1, Integer::sum) - 1 : null;
            boolean isNew = !stored.contains(k);
            if (numbered) {
                numbers.put(k, number);
            } else if (!isNew) {
                continue;
            }
            // (A new learner's years are written with the row; the caller adds years to stored rows only.)
            rows.knownRow(!isNew, k.schoolId(), k.learner(), number, Math.max(1, newYears.getOrDefault(k, 0)));
            long[] n = counts.computeIfAbsent(k.schoolId(), x -> new long[2]);
            n[0] += isNew ? 1 : 0;
            n[1] += numbered ? 1 : 0;
        }
        rows.run(c);
        UpsertBatch added = UpsertBatch.into(COUNTS).key("school_id").add("learners", "numbered");
        counts.forEach((school, n) -> added.row(school, n[0], n[1]));
        added.update(c);
    }

    /** Takes an erased learner out of every school they learned at; their number at each (those numbered). */
    static Map<String, Integer> remove(Connection c, String learner) throws SQLException {
        Map<String, Integer> numbers = new TreeMap<>();
        List<String> schools = new ArrayList<>();
        for (Map.Entry<String, Integer> row : Jdbc.list(c, "SELECT school_id, number FROM " + LEARNER
                + " WHERE learner = ? ORDER BY school_id", r -> new AbstractMap.SimpleEntry<>(r.getString(1),
                        Jdbc.nullableInt(r, 2)), learner)) {
            schools.add(row.getKey());
            if (row.getValue() != null) {
                numbers.put(row.getKey(), row.getValue());
            }
        }
        Jdbc.update(c, "DELETE FROM " + LEARNER + " WHERE learner = ?", learner);
        UpsertBatch counts = UpsertBatch.into(COUNTS).key("school_id").add("learners");
        schools.forEach(school -> counts.row(school, -1));
        counts.update(c);
        return numbers;
    }

    /** Whether learner-years are kept but not who learned at each school (the first start with this table). */
    static boolean missing(Connection c) throws SQLException {
        return Jdbc.first(c, "SELECT 1 FROM " + LEARNER + " FETCH FIRST 1 ROWS ONLY", r -> 1).isEmpty()
                && Jdbc.first(c, "SELECT 1 FROM env_xapi_learner_year FETCH FIRST 1 ROWS ONLY", r -> 1).isPresent();
    }

    /**
     * Counts every school's learners again from the learner-years, numbering them anew from 0 at each school (in the
     * order of their names); the numbers given. The sets of learners kept by number must be made again after it.
     */
    static Map<Learner, Integer> recountAll(Connection c) throws SQLException {
        Jdbc.update(c, "DELETE FROM " + COUNTS);
        Jdbc.update(c, "DELETE FROM " + LEARNER);
        Map<Learner, Integer> numbers = new HashMap<>();
        Map<String, Integer> given = new TreeMap<>();
        UpsertBatch rows = UpsertBatch.into(LEARNER).key("school_id", "learner").set("years", "number");
        for (Object[] row : Jdbc.list(c, "SELECT school_id, learner, COUNT(*) FROM env_xapi_learner_year "
                + "GROUP BY school_id, learner ORDER BY school_id, learner", r -> new Object[] { r.getString(1),
                        r.getString(2), r.getInt(3) })) {
            int next = given.merge((String) row[0], 1, Integer::sum) - 1;
            Integer number = next < MOST_NUMBERS ? next : null;
            if (number != null) {
                numbers.put(new Learner((String) row[0], (String) row[1]), number);
            }
            rows.knownRow(false, row[0], row[1], row[2], number);
        }
        rows.run(c);
        UpsertBatch counts = UpsertBatch.into(COUNTS).key("school_id").set("learners", "numbered");
        given.forEach((school, n) -> counts.knownRow(false, school, n, Math.min(n, MOST_NUMBERS)));
        counts.run(c);
        return numbers;
    }

    /** Per school (or one school): its learners in any year. */
    static Map<String, Long> learners(Connection c, String schoolId) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : Jdbc.list(c, "SELECT school_id, learners FROM " + COUNTS
                + (schoolId == null ? "" : " WHERE school_id = ?"), r -> Map.entry(r.getString(1), r.getLong(2)),
                schoolId == null ? List.of() : List.of(schoolId))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The numbers of a school's learners named in {@code names}, of those numbered. */
    static Map<String, Integer> numbers(Connection c, String schoolId, Collection<String> names) throws SQLException {
        SortedSet<Learner> learners = new TreeSet<>();
        names.forEach(name -> learners.add(new Learner(schoolId, name)));
        Map<Learner, Integer> numbers = new HashMap<>();
        read(c, learners, numbers);
        Map<String, Integer> out = new HashMap<>();
        numbers.forEach((k, number) -> out.put(k.learner(), number));
        return out;
    }

    /** Of these schools (or every school), those that have given every number they may ({@link #MOST_NUMBERS}). */
    static Set<String> full(Connection c, String schoolId) throws SQLException {
        return new HashSet<>(Jdbc.list(c, "SELECT school_id FROM " + COUNTS + " WHERE numbered >= ?"
                + (schoolId == null ? "" : " AND school_id = ?"), r -> r.getString(1), schoolId == null
                        ? List.of(MOST_NUMBERS) : List.of(MOST_NUMBERS, schoolId)));
    }

    /** The names of a school's learners numbered in {@code numbers}. */
    static Set<String> names(Connection c, String schoolId, BitSet numbers) throws SQLException {
        return new HashSet<>(Jdbc.listIn(c, "SELECT learner FROM " + LEARNER + " WHERE school_id = ? AND "
                + "number IN (" + Jdbc.marks(CHUNK) + ")", CHUNK, List.of(schoolId), numbers.stream().boxed()
                        .toList(), r -> r.getString(1)));
    }
}
