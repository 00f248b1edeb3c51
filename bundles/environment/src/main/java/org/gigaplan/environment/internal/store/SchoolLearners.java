package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * Who has learning records at each school in any year, so that a summary of every year counts a school's learners
 * without sorting every learner-year: per school and learner, the fiscal years kept for them
 * ({@code env_xapi_school_learner}); per school, how many learners ({@code env_xapi_school_learners}). Kept with the
 * learner-years a batch makes, in its transaction and in key order; a learner's erasure takes them out.
 */
final class SchoolLearners {

    private SchoolLearners() {
    }

    /** A learner at a school, in key order. */
    private record Learner(String schoolId, String learner) implements Comparable<Learner> {
        @Override
        public int compareTo(Learner o) {
            int bySchool = schoolId.compareTo(o.schoolId);
            return bySchool != 0 ? bySchool : learner.compareTo(o.learner);
        }
    }

    /** Adds the learner-years a batch made ({@code fresh}); a learner new to a school adds one to its count. */
    static void keep(Connection c, Collection<LearnerYears.LearnerYear> fresh) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        SortedMap<Learner, Integer> years = new TreeMap<>();
        fresh.forEach(k -> years.merge(new Learner(k.schoolId, k.learner), 1, Integer::sum));
        UpsertBatch learners = UpsertBatch.into("env_xapi_school_learner").key("school_id", "learner").add("years");
        years.forEach((k, n) -> learners.row(k.schoolId(), k.learner(), n));
        boolean[] inserted = learners.run(c);
        SortedMap<String, Integer> newToSchool = new TreeMap<>();
        int i = 0;
        for (Learner k : years.keySet()) {
            if (inserted[i++]) {
                newToSchool.merge(k.schoolId(), 1, Integer::sum);
            }
        }
        UpsertBatch counts = UpsertBatch.into("env_xapi_school_learners").key("school_id").add("learners");
        newToSchool.forEach((school, n) -> counts.row(school, n));
        counts.run(c);
    }

    /** Takes an erased learner out of every school they learned at. */
    static void remove(Connection c, String learner) throws SQLException {
        List<String> schools = Jdbc.list(c, "SELECT school_id FROM env_xapi_school_learner WHERE learner = ? "
                + "ORDER BY school_id", r -> r.getString(1), learner);
        Jdbc.update(c, "DELETE FROM env_xapi_school_learner WHERE learner = ?", learner);
        UpsertBatch counts = UpsertBatch.into("env_xapi_school_learners").key("school_id").add("learners");
        schools.forEach(school -> counts.row(school, -1));
        counts.update(c);
    }

    /** Whether learner-years are kept but not who learned at each school (the first start with this table). */
    static boolean missing(Connection c) throws SQLException {
        return Jdbc.first(c, "SELECT 1 FROM env_xapi_school_learner FETCH FIRST 1 ROWS ONLY", r -> 1).isEmpty()
                && Jdbc.first(c, "SELECT 1 FROM env_xapi_learner_year FETCH FIRST 1 ROWS ONLY", r -> 1).isPresent();
    }

    /** Counts every school's learners again from the learner-years. */
    static void recountAll(Connection c) throws SQLException {
        Jdbc.update(c, "DELETE FROM env_xapi_school_learners");
        Jdbc.update(c, "DELETE FROM env_xapi_school_learner");
        Jdbc.update(c, "INSERT INTO env_xapi_school_learner (school_id, learner, years) SELECT school_id, learner, "
                + "COUNT(*) FROM env_xapi_learner_year GROUP BY school_id, learner");
        Jdbc.update(c, "INSERT INTO env_xapi_school_learners (school_id, learners) SELECT school_id, COUNT(*) "
                + "FROM env_xapi_school_learner GROUP BY school_id");
    }

    /** Per school (or one school): its learners in any year. */
    static Map<String, Long> learners(Connection c, String schoolId) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : Jdbc.list(c, "SELECT school_id, learners FROM env_xapi_school_learners"
                + (schoolId == null ? "" : " WHERE school_id = ?"), r -> Map.entry(r.getString(1), r.getLong(2)),
                schoolId == null ? List.of() : List.of(schoolId))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
