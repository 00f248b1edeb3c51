package org.gigaplan.training.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.UpsertBatch;

/** Teachers and their checklist answers per fiscal year. */
public final class AnswerStore {

    /** One answer to store. */
    public record AnswerRow(long teacherId, String schoolId, int fiscalYear, String item, int answer, LocalDate answeredOn) {
    }

    /** Per school and item: teachers who answered and those answering 3 or 4. */
    public record ItemCount(String schoolId, String item, int answered, int positive) {
    }

    /** A stored answer with its teacher's code. */
    public record Stored(String teacher, String item, int answer, LocalDate answeredOn, boolean demo) {
    }

    private final Database db;
    /** Records' times: the platform's clock, which a trial may set to another day. */
    private final PlanClock clock;

    public AnswerStore(Database db, PlanClock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<Long> teacher(Connection c, String schoolId, String code) throws SQLException {
        return Jdbc.first(c, "SELECT id FROM training_teacher WHERE school_id = ? AND code = ?", r -> r.getLong(1),
                schoolId, code);
    }

    public Optional<Long> teacher(String schoolId, String code) {
        return db.transaction(c -> teacher(c, schoolId, code));
    }

    /**
     * The teacher's id, registering the teacher when new. Two first reports of one teacher (the checklist and the
     * generative-AI survey, sent together) race for the key: run it in {@code Database.transactionRetrying}.
     */
    public long ensureTeacher(Connection c, String schoolId, String code, boolean demo) throws SQLException {
        Optional<Long> id = teacher(c, schoolId, code);
        if (id.isPresent()) {
            return id.get();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO training_teacher (school_id, code, registered_at, demo) "
                + "VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, schoolId);
            s.setString(2, code);
            s.setTimestamp(3, Timestamp.from(clock.now()));
            s.setInt(4, demo ? 1 : 0);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The tables whose rows name a teacher by {@code teacher_id}. */
    private static final List<String> TEACHER_TABLES = List.of("training_answer", "training_enrolment", "training_genai");

    /** How many answers, enrolments and generative-AI reports name a teacher of a school. */
    public int records(String schoolId, String code) {
        return db.transaction(c -> {
            Optional<Long> id = teacher(c, schoolId, code);
            int n = 0;
            for (String table : TEACHER_TABLES) {
                n += id.isEmpty() ? 0 : Jdbc.first(c, "SELECT COUNT(*) FROM " + table + " WHERE teacher_id = ?",
                        r -> r.getInt(1), id.get()).orElse(0);
            }
            return n;
        });
    }

    /** Removes a teacher of a school and every record naming them; answers how many records went. */
    public int remove(String schoolId, String code) {
        return db.transactionRetrying(c -> {
            lockSchools(c, List.of(schoolId));
            Optional<Long> id = teacher(c, schoolId, code);
            if (id.isEmpty()) {
                return 0;
            }
            List<Integer> years = Jdbc.list(c, "SELECT DISTINCT fiscal_year FROM training_answer WHERE teacher_id = ?",
                    r -> r.getInt(1), id.get());
            int n = 0;
            for (String table : TEACHER_TABLES) {
                n += Jdbc.update(c, "DELETE FROM " + table + " WHERE teacher_id = ?", id.get());
            }
            Jdbc.update(c, "DELETE FROM training_teacher WHERE id = ?", id.get());
            for (int year : years) {
                recount(c, year, schoolId);
            }
            return n;
        });
    }

    /**
     * Makes the calling transaction the only writer of these schools' answers and of the counts kept of them until
     * it ends (see {@link Jdbc#lockRows}); run it first in a {@code Database.transactionRetrying}.
     */
    public void lockSchools(Connection c, java.util.Collection<String> schoolIds) throws SQLException {
        Jdbc.lockRows(c, "training_school_lock", "school_id", schoolIds);
    }

    /**
     * Counts a school's answers of a fiscal year again into the kept counts the rates read: per item, teachers who
     * answered it and those answering 3 or 4; teachers who answered anything, and whether any answer is demo data.
     */
    private static void recount(Connection c, int fiscalYear, String schoolId) throws SQLException {
        Jdbc.update(c, "DELETE FROM training_item_count WHERE fiscal_year = ? AND school_id = ?", fiscalYear, schoolId);
        Jdbc.update(c, "INSERT INTO training_item_count (fiscal_year, school_id, item, answered, agreeing) "
                + "SELECT fiscal_year, school_id, item, COUNT(*), SUM(CASE WHEN answer >= 3 THEN 1 ELSE 0 END) "
                + "FROM training_answer WHERE fiscal_year = ? AND school_id = ? GROUP BY fiscal_year, school_id, item",
                fiscalYear, schoolId);
        Jdbc.update(c, "DELETE FROM training_school_count WHERE fiscal_year = ? AND school_id = ?", fiscalYear, schoolId);
        Jdbc.update(c, "INSERT INTO training_school_count (fiscal_year, school_id, teachers, demo) "
                + "SELECT fiscal_year, school_id, COUNT(DISTINCT teacher_id), MAX(demo) FROM training_answer "
                + "WHERE fiscal_year = ? AND school_id = ? GROUP BY fiscal_year, school_id", fiscalYear, schoolId);
    }

    /** Every teacher known to the module: school id → codes. */
    public Map<String, java.util.Set<String>> teachersNamed() {
        Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        db.transaction(c -> Jdbc.list(c, "SELECT school_id, code FROM training_teacher", r -> out
                .computeIfAbsent(r.getString(1), k -> new java.util.TreeSet<>()).add(r.getString(2))));
        return out;
    }

    /**
     * Stores answers, replacing earlier answers of the same teacher, year and item,
     * and recounts the kept counts of the schools and years they name. The caller holds those schools' lock rows
     * ({@link #lockSchools}).
     */
    public void putAnswers(Connection c, List<AnswerRow> rows, String by, boolean demo) throws SQLException {
        Instant now = clock.now();
        java.util.Set<Map.Entry<Integer, String>> touched = new java.util.TreeSet<>(Map.Entry.<Integer, String>comparingByKey()
                .thenComparing(Map.Entry.comparingByValue()));
        rows.forEach(r -> touched.add(Map.entry(r.fiscalYear(), r.schoolId())));
        // The answers stored already, read under the schools' locks: the others are inserted with no update tried
        // first (on PostgreSQL an update finding nothing cost about 0.3 ms an answer).
        java.util.Set<List<Object>> stored = new java.util.HashSet<>();
        for (Map.Entry<Integer, String> key : touched) {
            Jdbc.list(c, "SELECT teacher_id, item FROM training_answer WHERE fiscal_year = ? AND school_id = ?",
                    r -> stored.add(List.of(r.getLong(1), key.getKey(), r.getString(2))), key.getKey(), key.getValue());
        }
        UpsertBatch answers = UpsertBatch.into("training_answer").key("teacher_id", "fiscal_year", "item")
                .set("answer", "answered_on", "recorded_by", "recorded_at", "demo").onInsert("school_id");
        for (AnswerRow r : rows) {
            Object[] row = { r.teacherId(), r.fiscalYear(), r.item(), r.answer(), r.answeredOn(), by, now, demo ? 1 : 0,
                r.schoolId() };
            answers.knownRow(stored.contains(List.of(r.teacherId(), r.fiscalYear(), r.item())), row);
        }
        answers.run(c);
        for (Map.Entry<Integer, String> key : touched) {
            recount(c, key.getKey(), key.getValue());
        }
    }

    /** Per school and item of a fiscal year (of one school when schoolId is not null), from the kept counts. */
    public List<ItemCount> counts(int fiscalYear, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, item, answered, agreeing FROM training_item_count "
                + "WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY school_id, item",
                r -> new ItemCount(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4)),
                schoolId == null ? List.of(fiscalYear) : List.of(fiscalYear, schoolId)));
    }

    /** Teachers with any answer in a fiscal year, per school; whether any of them is demo data (kept counts). */
    public Map<String, int[]> teachers(int fiscalYear, String schoolId) {
        Map<String, int[]> out = new LinkedHashMap<>();
        db.transaction(c -> Jdbc.list(c, "SELECT school_id, teachers, demo FROM training_school_count "
                + "WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY school_id",
                r -> Map.entry(r.getString(1), new int[] { r.getInt(2), r.getInt(3) }),
                schoolId == null ? List.of(fiscalYear) : List.of(fiscalYear, schoolId)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** A school's answers of a fiscal year (of one teacher when teacher is not null), by teacher code and item. */
    public List<Stored> answers(String schoolId, int fiscalYear, String teacher) {
        return db.transaction(c -> Jdbc.list(c, "SELECT t.code, a.item, a.answer, a.answered_on, a.demo "
                + "FROM training_answer a JOIN training_teacher t ON t.id = a.teacher_id WHERE a.school_id = ? "
                + "AND a.fiscal_year = ?" + (teacher == null ? "" : " AND t.code = ?") + " ORDER BY t.code, a.item",
                r -> new Stored(r.getString(1), r.getString(2), r.getInt(3), r.getDate(4).toLocalDate(),
                        r.getInt(5) > 0),
                teacher == null ? List.of(schoolId, fiscalYear) : List.of(schoolId, fiscalYear, teacher)));
    }
}
