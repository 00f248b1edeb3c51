package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.service.Database;
import org.gigaplan.usage.internal.LearningType;
import org.gigaplan.usage.internal.LessonCase;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;

/** Lesson cases, their scenes and schools' adoptions. Withdrawn cases are kept, never found by search. */
public final class CaseStore {

    /** A case as written by the board; ids, times and counts are the store's. */
    public record Draft(LocalizedText title, LocalizedText summary, List<Integer> scenes, LearningType learningType,
            String subject, Integer grade, SchoolType schoolType, boolean supportSoftware) {
    }

    private static final String SELECT = "SELECT c.id, c.title_ja, c.title_en, c.summary_ja, c.summary_en, "
            + "c.learning_type, c.subject, c.grade, c.school_type, c.support_software, c.published_at, c.published_by, "
            + "c.demo, (SELECT COUNT(*) FROM usage_adoption a WHERE a.case_id = c.id), "
            + "(SELECT COUNT(DISTINCT a.school_id) FROM usage_adoption a WHERE a.case_id = c.id) FROM usage_case c ";

    private final Database db;
    /** Records' times: the platform's clock, which a trial may set to another day. */
    private final PlanClock clock;

    public CaseStore(Database db, PlanClock clock) {
        this.db = db;
        this.clock = clock;
    }

    public long publish(Draft draft, String by, boolean demo, Instant at) {
        return db.transaction(c -> publish(c, draft, by, demo, at));
    }

    public long publish(Connection c, Draft d, String by, boolean demo, Instant at) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_case (title_ja, title_en, summary_ja, summary_en, "
                + "learning_type, subject, grade, school_type, support_software, published_at, published_by, demo) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bindDraft(s, d);
            s.setTimestamp(10, Timestamp.from(at));
            s.setString(11, by);
            s.setInt(12, demo ? 1 : 0);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        insertScenes(c, id, d.scenes());
        return id;
    }

    /** Replaces a published case's content; false when there is no such case or it was withdrawn. */
    public boolean update(long id, Draft d) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE usage_case SET title_ja = ?, title_en = ?, "
                    + "summary_ja = ?, summary_en = ?, learning_type = ?, subject = ?, grade = ?, school_type = ?, "
                    + "support_software = ? WHERE id = ? AND withdrawn_at IS NULL")) {
                bindDraft(s, d);
                s.setLong(10, id);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM usage_case_scene WHERE case_id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            insertScenes(c, id, d.scenes());
            return true;
        });
    }

    /** Withdraws a case from search, keeping it and its adoptions; false when there was none to withdraw. */
    public boolean withdraw(long id) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE usage_case SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(clock.now()));
                s.setLong(2, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** A published (not withdrawn) case. */
    public Optional<LessonCase> find(long id) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + "WHERE c.id = ? AND c.withdrawn_at IS NULL")) {
                s.setLong(1, id);
                return read(c, s).stream().findFirst();
            }
        });
    }

    /** Published cases matching a query, newest first. */
    public List<LessonCase> search(LessonCase.Query q, int offset, int limit) {
        return db.transaction(c -> {
            List<Object> args = new ArrayList<>();
            String where = where(q, args);
            try (PreparedStatement s = c.prepareStatement(SELECT + where
                    + " ORDER BY c.published_at DESC, c.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = bind(s, args);
                s.setInt(i++, offset);
                s.setInt(i, limit);
                return read(c, s);
            }
        });
    }

    public long count(LessonCase.Query q) {
        return db.transaction(c -> {
            List<Object> args = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM usage_case c " + where(q, args))) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    public long adopt(long caseId, String schoolId, LocalDate on, String note, String by, boolean demo) {
        return db.transaction(c -> Jdbc.insert(c, "INSERT INTO usage_adoption (case_id, school_id, adopted_on, note, "
                + "recorded_by, recorded_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?)", caseId, schoolId, on, note, by,
                clock.now(), demo ? 1 : 0));
    }

    /** Adoptions, newest first, of one school or (null) of every school. */
    public List<LessonCase.Adoption> adoptions(String schoolId, int offset, int limit) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + ADOPTION_COLUMNS + " FROM usage_adoption"
                    + (schoolId == null ? "" : " WHERE school_id = ?")
                    + " ORDER BY adopted_on DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = 1;
                if (schoolId != null) {
                    s.setString(i++, schoolId);
                }
                s.setInt(i++, offset);
                s.setInt(i, limit);
                List<LessonCase.Adoption> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(adoption(r));
                    }
                }
                return out;
            }
        });
    }

    /** One adoption, by its id. */
    public Optional<LessonCase.Adoption> adoption(long id) {
        return db.transaction(c -> Jdbc.first(c, "SELECT " + ADOPTION_COLUMNS + " FROM usage_adoption WHERE id = ?",
                CaseStore::adoption, id));
    }

    private static final String ADOPTION_COLUMNS = "id, case_id, school_id, adopted_on, note, recorded_by, recorded_at";

    private static LessonCase.Adoption adoption(ResultSet r) throws SQLException {
        return new LessonCase.Adoption(r.getLong(1), r.getLong(2), r.getString(3), r.getDate(4).toLocalDate(),
                r.getString(5), r.getString(6), r.getTimestamp(7).toInstant());
    }

    /** A count, and whether any of what it counts is demo data. */
    public record Count(long count, boolean demo) {
    }

    /** Cases published in [from, to) and not withdrawn. */
    public Count publishedBetween(Instant from, Instant to) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MAX(demo) FROM usage_case WHERE "
                    + "withdrawn_at IS NULL AND published_at >= ? AND published_at < ?")) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Count(r.getLong(1), r.getInt(2) > 0);
                }
            }
        });
    }

    /**
     * The schools that recorded adopting a case on a day from {@code from} to {@code to}, both included: school id →
     * whether all its adoptions there are demo data.
     */
    public Map<String, Boolean> schoolsAdopting(LocalDate from, LocalDate to) {
        return db.transaction(c -> {
            Map<String, Boolean> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT school_id, MIN(demo) FROM usage_adoption "
                    + "WHERE adopted_on >= ? AND adopted_on <= ? GROUP BY school_id ORDER BY school_id")) {
                s.setDate(1, java.sql.Date.valueOf(from));
                s.setDate(2, java.sql.Date.valueOf(to));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getInt(2) > 0);
                    }
                }
            }
            return out;
        });
    }

    /** Adoptions per school: school id → count, for the schools that adopted any case. */
    public Map<String, Long> adoptionsBySchool() {
        return db.transaction(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT school_id, COUNT(*) FROM usage_adoption GROUP BY school_id ORDER BY school_id");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return out;
        });
    }

    private static String where(LessonCase.Query q, List<Object> args) {
        StringBuilder w = new StringBuilder("WHERE c.withdrawn_at IS NULL");
        if (q.text() != null) {
            String like = "%" + q.text().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            w.append(" AND (LOWER(c.title_ja) LIKE ? ESCAPE '!' OR LOWER(c.title_en) LIKE ? ESCAPE '!'"
                    + " OR LOWER(c.summary_ja) LIKE ? ESCAPE '!' OR LOWER(c.summary_en) LIKE ? ESCAPE '!'"
                    + " OR LOWER(c.subject) LIKE ? ESCAPE '!')");
            for (int i = 0; i < 5; i++) {
                args.add(like);
            }
        }
        if (q.scene() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM usage_case_scene s WHERE s.case_id = c.id AND s.scene = ?)");
            args.add(q.scene());
        }
        if (q.learningType() != null) {
            // A case for both kinds of learning serves a search for either.
            w.append(" AND c.learning_type IN (?, ?)");
            args.add(q.learningType().name());
            args.add(LearningType.BOTH.name());
        }
        if (q.subject() != null) {
            w.append(" AND c.subject = ?");
            args.add(q.subject());
        }
        if (q.grade() != null) {
            w.append(" AND (c.grade = ? OR c.grade IS NULL)");
            args.add(q.grade());
        }
        if (q.schoolType() != null) {
            w.append(" AND (c.school_type = ? OR c.school_type IS NULL)");
            args.add(q.schoolType().name());
        }
        if (q.supportSoftware() != null) {
            w.append(" AND c.support_software = ?");
            args.add(q.supportSoftware() ? 1 : 0);
        }
        return w.toString();
    }

    private static int bind(PreparedStatement s, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            if (a instanceof Integer n) {
                s.setInt(i++, n);
            } else {
                s.setString(i++, (String) a);
            }
        }
        return i;
    }

    private static void bindDraft(PreparedStatement s, Draft d) throws SQLException {
        s.setString(1, d.title().ja());
        s.setString(2, d.title().en());
        s.setString(3, d.summary().ja());
        s.setString(4, d.summary().en());
        s.setString(5, d.learningType().name());
        s.setString(6, d.subject());
        s.setObject(7, d.grade(), Types.SMALLINT);
        s.setString(8, d.schoolType() == null ? null : d.schoolType().name());
        s.setInt(9, d.supportSoftware() ? 1 : 0);
    }

    private static void insertScenes(Connection c, long id, List<Integer> scenes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_case_scene (case_id, scene) VALUES (?, ?)")) {
            for (int scene : scenes) {
                s.setLong(1, id);
                s.setInt(2, scene);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** How many cases one read of their scenes asks for: a fixed number, so the statement is prepared once. */
    private static final int CASES = 50;

    private static List<LessonCase> read(Connection c, PreparedStatement s) throws SQLException {
        List<LessonCase> out = new ArrayList<>();
        Map<Long, List<Integer>> scenes = new HashMap<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                int grade = r.getInt(8);
                Integer g = r.wasNull() ? null : grade;
                String type = r.getString(9);
                out.add(new LessonCase(id, new LocalizedText(r.getString(2), r.getString(3)),
                        new LocalizedText(r.getString(4), r.getString(5)), List.of(),
                        LearningType.valueOf(r.getString(6)), r.getString(7), g,
                        type == null ? null : SchoolType.valueOf(type), r.getInt(10) > 0,
                        r.getTimestamp(11).toInstant(), r.getString(12), r.getLong(14), r.getLong(15), r.getInt(13) > 0));
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        for (long[] row : Jdbc.listIn(c, "SELECT case_id, scene FROM usage_case_scene WHERE case_id IN ("
                + Jdbc.marks(CASES) + ") ORDER BY case_id, scene", CASES, List.of(), out.stream().map(LessonCase::id)
                        .toList(), r -> new long[] { r.getLong(1), r.getInt(2) })) {
            scenes.computeIfAbsent(row[0], k -> new ArrayList<>()).add((int) row[1]);
        }
        return out.stream().map(x -> new LessonCase(x.id(), x.title(), x.summary(),
                scenes.getOrDefault(x.id(), List.of()), x.learningType(), x.subject(), x.grade(), x.schoolType(),
                x.supportSoftware(), x.publishedAt(), x.publishedBy(), x.adoptions(), x.adoptingSchools(), x.demo()))
                .toList();
    }
}
