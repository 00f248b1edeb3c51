package org.gigaplan.training.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.training.internal.Course;

/** The training catalog, sessions, enrolment and attendance. */
public final class CourseStore {

    /** What became of an enrolment request. */
    public enum Enrolment {
        ENROLLED, ALREADY, FULL
    }

    /** One line of a teacher's training record. */
    public record RecordRow(long sessionId, long courseId, LocalizedText title, Course.Kind kind, LocalDate heldOn,
            Boolean attended) {
    }

    private final Database db;
    /** Records' times: the platform's clock, which a trial may set to another day. */
    private final PlanClock clock;

    public CourseStore(Database db, PlanClock clock) {
        this.db = db;
        this.clock = clock;
    }

    public long addCourse(Connection c, LocalizedText title, Course.Kind kind, List<String> categories, Course.Level level,
            String schoolId, String by, boolean demo) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO training_course (title_ja, title_en, kind, categories, "
                + "course_level, school_id, created_by, created_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                title.ja(), title.en(), kind.name(), String.join(",", categories), level.name(), schoolId, by,
                clock.now(), demo ? 1 : 0);
    }

    public long addSession(Connection c, long courseId, LocalDate heldOn, int capacity, String place, boolean demo)
            throws SQLException {
        return Jdbc.insert(c, "INSERT INTO training_session (course_id, held_on, capacity, place, demo) "
                + "VALUES (?, ?, ?, ?, ?)",
                courseId, heldOn, capacity, place, demo ? 1 : 0);
    }


    /**
     * Enrols a teacher in a session unless it is full or the teacher is enrolled already. The session's row is
     * locked first, so two enrolments at once cannot both take its last place: by writing it (Derby's SELECT … FOR
     * UPDATE lets go of the row when its cursor closes, at read committed).
     */
    public Enrolment enrol(Connection c, long sessionId, long teacherId, String schoolId, boolean demo)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("UPDATE training_session SET capacity = capacity WHERE id = ?")) {
            lock.setLong(1, sessionId);
            lock.executeUpdate();
        }
        int capacity;
        try (PreparedStatement s = c.prepareStatement("SELECT capacity FROM training_session WHERE id = ?")) {
            s.setLong(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                capacity = r.getInt(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*), SUM(CASE WHEN teacher_id = ? THEN 1 ELSE 0 END) FROM training_enrolment WHERE session_id = ?")) {
            s.setLong(1, teacherId);
            s.setLong(2, sessionId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(2) > 0) {
                    return Enrolment.ALREADY;
                }
                if (r.getInt(1) >= capacity) {
                    return Enrolment.FULL;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO training_enrolment (session_id, teacher_id, school_id, "
                + "enrolled_at, demo) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, sessionId);
            s.setLong(2, teacherId);
            s.setString(3, schoolId);
            s.setTimestamp(4, Timestamp.from(clock.now()));
            s.setInt(5, demo ? 1 : 0);
            s.executeUpdate();
        }
        return Enrolment.ENROLLED;
    }

    /** Records whether an enrolled teacher attended; false when the teacher was not enrolled. */
    public boolean attend(Connection c, long sessionId, long teacherId, boolean attended) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE training_enrolment SET attended = ? WHERE session_id = ? AND teacher_id = ?")) {
            s.setInt(1, attended ? 1 : 0);
            s.setLong(2, sessionId);
            s.setLong(3, teacherId);
            return s.executeUpdate() > 0;
        }
    }

    /** Courses open to a school (the city's and its own in-school ones; all when schoolId is null), with sessions. */
    public List<Course> courses(String schoolId) {
        return schoolId == null ? select("", List.of())
                : select(" WHERE k.school_id IS NULL OR k.school_id = ?", List.of(schoolId));
    }

    public Optional<Course> course(long id) {
        return select(" WHERE k.id = ?", List.of(id)).stream().findFirst();
    }

    /** The course a session belongs to. */
    public Optional<Course> courseOfSession(long sessionId) {
        return select(" WHERE k.id = (SELECT course_id FROM training_session WHERE id = ?)", List.of(sessionId)).stream()
                .findFirst();
    }

    /** Courses ({@code k}) meeting a condition, each with its sessions, in the order they were made. */
    private List<Course> select(String where, List<Object> params) {
        return db.transaction(c -> {
            List<Course> heads = Jdbc.list(c, "SELECT k.id, k.title_ja, k.title_en, k.kind, k.categories, k.course_level, "
                    + "k.school_id, k.demo FROM training_course k" + where + " ORDER BY k.id",
                    r -> new Course(r.getLong(1), new LocalizedText(r.getString(2), r.getString(3)),
                            Course.Kind.valueOf(r.getString(4)), Arrays.asList(r.getString(5).split(",")),
                            Course.Level.valueOf(r.getString(6)), r.getString(7), List.of(), r.getInt(8) > 0), params);
            Map<Long, List<Course.Session>> sessions = new HashMap<>();
            for (Course.Session session : Jdbc.list(c, "SELECT s.id, s.course_id, s.held_on, s.capacity, s.place, "
                    + "(SELECT COUNT(*) FROM training_enrolment e WHERE e.session_id = s.id), "
                    + "(SELECT COUNT(*) FROM training_enrolment e WHERE e.session_id = s.id AND e.attended = 1) "
                    + "FROM training_session s WHERE s.course_id IN (SELECT k.id FROM training_course k" + where + ") "
                    + "ORDER BY s.held_on, s.id", r -> new Course.Session(r.getLong(1), r.getLong(2),
                            r.getDate(3).toLocalDate(), r.getInt(4), r.getString(5), r.getInt(6), r.getInt(7)), params)) {
                sessions.computeIfAbsent(session.courseId(), k -> new ArrayList<>()).add(session);
            }
            return heads.stream().map(h -> new Course(h.id(), h.title(), h.kind(), h.categories(), h.level(), h.schoolId(),
                    sessions.getOrDefault(h.id(), List.of()), h.demo())).toList();
        });
    }

    /** Who is enrolled in a session, of one school or of all (null), by school and teacher. */
    public List<Course.Enrolled> enrolled(long sessionId, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT e.school_id, t.code, e.enrolled_at, e.attended FROM "
                + "training_enrolment e JOIN training_teacher t ON t.id = e.teacher_id WHERE e.session_id = ?"
                + (schoolId == null ? "" : " AND e.school_id = ?") + " ORDER BY e.school_id, t.code", r -> {
                    Integer attended = Jdbc.nullableInt(r, 4);
                    return new Course.Enrolled(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
                            attended == null ? null : attended == 1);
                }, schoolId == null ? List.of(sessionId) : List.of(sessionId, schoolId)));
    }

    /** A teacher's enrolments across years, oldest first. */
    public List<RecordRow> record(long teacherId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT s.id, k.id, k.title_ja, k.title_en, k.kind, s.held_on, "
                    + "e.attended FROM training_enrolment e JOIN training_session s ON s.id = e.session_id "
                    + "JOIN training_course k ON k.id = s.course_id WHERE e.teacher_id = ? ORDER BY s.held_on, s.id")) {
                s.setLong(1, teacherId);
                List<RecordRow> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int attended = r.getInt(7);
                        Boolean a = r.wasNull() ? null : attended == 1;
                        out.add(new RecordRow(r.getLong(1), r.getLong(2), new LocalizedText(r.getString(3), r.getString(4)),
                                Course.Kind.valueOf(r.getString(5)), r.getDate(6).toLocalDate(), a));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Per school: teachers who attended a session held in [from, to], of courses of a kind (any kind when null).
     */
    public Map<String, Integer> attendees(LocalDate from, LocalDate to, Course.Kind kind) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT e.school_id, COUNT(DISTINCT e.teacher_id) FROM "
                    + "training_enrolment e JOIN training_session s ON s.id = e.session_id JOIN training_course k ON "
                    + "k.id = s.course_id WHERE e.attended = 1 AND s.held_on BETWEEN ? AND ?"
                    + (kind == null ? "" : " AND k.kind = ?") + " GROUP BY e.school_id")) {
                s.setDate(1, Date.valueOf(from));
                s.setDate(2, Date.valueOf(to));
                if (kind != null) {
                    s.setString(3, kind.name());
                }
                Map<String, Integer> out = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getInt(2));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Per school: teachers who answered the checklist in a fiscal year and attended a training session held in
     * [from, to].
     */
    public Map<String, Integer> answeringAttendees(int fiscalYear, LocalDate from, LocalDate to) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT e.school_id, COUNT(DISTINCT e.teacher_id) FROM "
                    + "training_enrolment e JOIN training_session s ON s.id = e.session_id WHERE e.attended = 1 "
                    + "AND s.held_on BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM training_answer a WHERE "
                    + "a.teacher_id = e.teacher_id AND a.fiscal_year = ?) GROUP BY e.school_id")) {
                s.setDate(1, Date.valueOf(from));
                s.setDate(2, Date.valueOf(to));
                s.setInt(3, fiscalYear);
                Map<String, Integer> out = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getInt(2));
                    }
                }
                return out;
            }
        });
    }
}
