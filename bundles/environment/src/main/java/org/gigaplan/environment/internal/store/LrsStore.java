package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.service.Jdbc;

/** The LRS's reads of the kept Statements: one by id, pages by the time they were stored, and voiding. */
public final class LrsStore {

    /**
     * A kept Statement: its text as kept, or (one stored before Statements were kept whole) its row to rebuild it
     * from.
     */
    public record Kept(String id, String schoolId, String verb, String body, boolean voided, Instant storedAt,
            XapiStore.Row row) {
    }

    /**
     * Filters of the Statements resource; each null matches everything. Times are when a Statement was stored. With
     * {@code relatedActivities} the activity may be any the Statement names (its context's, its SubStatement's), with
     * {@code relatedAgents} the learner any Agent or Group it names (instructor, team, …).
     */
    public record Filter(String schoolId, String learner, String verb, String activity, String registration,
            String classRef, Instant since, Instant until, boolean ascending, boolean relatedActivities,
            boolean relatedAgents) {

        public Filter(String schoolId, String learner, String verb, String activity, String registration,
                String classRef, Instant since, Instant until, boolean ascending) {
            this(schoolId, learner, verb, activity, registration, classRef, since, until, ascending, false, false);
        }
    }

    /** What a Statement names besides its actor and object, for the related filters: Activities and Agents. */
    public record Related(java.util.Set<String> activities, java.util.Set<String> agents) {

        /** The keys kept of them: "a" or "g", a bar, the activity's IRI or the agent's pseudonym, as SHA-256. */
        java.util.Set<String> keys() {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            activities.forEach(a -> keys.add(key("a", a)));
            agents.forEach(g -> keys.add(key("g", g)));
            return keys;
        }
    }

    static String key(String kind, String value) {
        return org.gigaplan.environment.internal.Digests.sha256(kind + "|" + value);
    }

    /** Keeps what a Statement names, for the related filters. */
    public void keepRelated(Connection c, String statementId, Related related) throws SQLException {
        java.util.Set<String> keys = related.keys();
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_related (statement_id, ref_key) "
                + "VALUES (?, ?)")) {
            for (String k : keys) {
                s.setString(1, statementId);
                s.setString(2, k);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Where a page ended: the last Statement's stored time, to the database's precision, and its id. The time is
     * written whole (seconds and nanoseconds): a batch's Statements share one stored time, and a cursor cut to the
     * millisecond skipped the rest of a batch newest first and repeated its last one oldest first.
     */
    public record Cursor(Instant storedAt, String id) {

        public String text() {
            return storedAt.getEpochSecond() + "_" + storedAt.getNano() + "." + id;
        }

        /** A cursor as {@link #text()} wrote it (or an earlier version, to the millisecond); empty for anything else. */
        public static Optional<Cursor> of(String text) {
            int dot = text == null ? -1 : text.indexOf('.');
            if (dot <= 0) {
                return Optional.empty();
            }
            String time = text.substring(0, dot);
            int nanos = time.indexOf('_');
            try {
                return Optional.of(new Cursor(nanos < 0 ? Instant.ofEpochMilli(Long.parseLong(time))
                        : Instant.ofEpochSecond(Long.parseLong(time.substring(0, nanos)),
                                Long.parseLong(time.substring(nanos + 1))), text.substring(dot + 1)));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
    }

    /** An attachment's bytes, named by their SHA-2 (hexadecimal, lower case). */
    public record Attachment(String sha2, String contentType, byte[] content) {
    }

    private static final String COLUMNS = "id, school_id, verb, body, voided, stored_at, class_ref, learner, "
            + "verb_display, activity, activity_name, score_scaled, success, completion, occurred_at, demo";

    private static final String PAGE_COLUMNS = COLUMNS.replaceAll("(^|, )", "$1s.");

    public Optional<Kept> kept(Connection c, String id) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM env_xapi_statement WHERE id = ?", LrsStore::read, id);
    }

    /** Marks a school's Statement voided; answers whether it was there to void. */
    public boolean voidStatement(Connection c, String schoolId, String id) throws SQLException {
        return Jdbc.update(c, "UPDATE env_xapi_statement SET voided = 1 WHERE id = ? AND school_id = ?", id,
                schoolId) == 1;
    }

    /** Keeps the bytes of the attachments a Statement carried. */
    public void keepAttachments(Connection c, String statementId, List<Attachment> attachments) throws SQLException {
        if (attachments.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_attachment (statement_id, sha2, "
                + "content_type, content) VALUES (?, ?, ?, ?)")) {
            for (Attachment a : attachments) {
                s.setString(1, statementId);
                s.setString(2, a.sha2());
                s.setString(3, a.contentType());
                s.setBytes(4, a.content());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The attachments kept of these Statements, each SHA-2 once. */
    public List<Attachment> attachments(Connection c, List<String> statementIds) throws SQLException {
        java.util.Map<String, Attachment> bySha2 = new java.util.LinkedHashMap<>();
        for (Attachment a : Jdbc.listIn(c, "SELECT sha2, content_type, content FROM env_xapi_attachment WHERE "
                + "statement_id IN (" + Jdbc.marks(500) + ")", 500, List.of(), statementIds,
                r -> new Attachment(r.getString(1), r.getString(2), r.getBytes(3)))) {
            bySha2.putIfAbsent(a.sha2(), a);
        }
        return new ArrayList<>(bySha2.values());
    }

    /** A page of Statements that are not voided, newest stored first (oldest with {@code ascending}), after a cursor. */
    public List<Kept> page(Connection c, Filter f, Cursor after, int limit) throws SQLException {
        List<Object> ownArgs = new ArrayList<>();
        String own = own("s.", f, ownArgs);
        if (f.learner() != null && !f.relatedAgents() && f.classRef() == null) {
            return ofALearner(c, f, after, limit, own, ownArgs);
        }
        // The agent, verb, activity and registration asked for are a Statement's own, or those of the Statement at its
        // school it refers to (xAPI's statement targeting: a voiding Statement comes with the Statement it voids),
        // looked up by its key for the few Statements that refer to one. (As a list of every Statement matching, the
        // activity's without an index, it was read again for each Statement of the school: over 10 s at 200,000.)
        String condition = ownArgs.isEmpty() ? own : "((" + own + ") OR (s.ref_target IS NOT NULL AND EXISTS (SELECT 1 "
                + "FROM env_xapi_statement t WHERE t.id = s.ref_target AND t.school_id = s.school_id AND"
                + own("t.", f, new ArrayList<>()) + ")))";
        List<Object> args = new ArrayList<>(ownArgs);
        args.addAll(ownArgs);
        // Unless a class is asked (it has its index), the statements of the city or of a school are read in the order
        // they were stored, through the index in that order, until the page is full: Derby's optimizer, not counting
        // on the FETCH FIRST, sorted them all.
        String index = f.classRef() != null ? null : f.schoolId() == null
                ? (f.ascending() ? "ix_env_xapi_stored_at" : "ix_env_xapi_stored_newest")
                : (f.ascending() ? "ix_env_xapi_school_stored" : "ix_env_xapi_school_newest");
        return inOrder(c, f, after, limit, index, condition, args);
    }

    /**
     * A page of a learner's Statements (an agent asked, its related ones not): through the learner's index in stored
     * order, which a condition with an "or" in it does not use (a school's: 54 ms at 1 M statements, p95 169 ms).
     * Those that refer to one of theirs are read apart: the learner's Statements' keys, from that index alone, then
     * whatever refers to them at the same school (checked there, so any school's keys may be listed), by its index.
     */
    private static List<Kept> ofALearner(Connection c, Filter f, Cursor after, int limit, String own,
            List<Object> ownArgs) throws SQLException {
        List<Kept> page = inOrder(c, f, after, limit, f.ascending() ? "ix_env_xapi_learner_stored"
                : "ix_env_xapi_learner_newest", own, ownArgs);
        List<Object> targetArgs = new ArrayList<>();
        List<String> theirs = Jdbc.list(c, "SELECT id FROM env_xapi_statement --DERBY-PROPERTIES "
                + "index=ix_env_xapi_learner_stored\n WHERE" + own("", f, targetArgs), r -> r.getString(1), targetArgs);
        java.util.Comparator<Kept> stored = java.util.Comparator.comparing(Kept::storedAt).thenComparing(Kept::id);
        java.util.Map<String, Kept> both = new java.util.LinkedHashMap<>();
        List<Kept> all = new ArrayList<>(page);
        for (int i = 0; i < theirs.size(); i += 500) {
            List<String> chunk = theirs.subList(i, Math.min(theirs.size(), i + 500));
            all.addAll(inOrder(c, f, after, limit, "ix_env_xapi_ref_target", "s.ref_target IN (" + Jdbc.marks(chunk
                    .size()) + ") AND s.school_id = (SELECT t.school_id FROM env_xapi_statement t WHERE t.id = "
                    + "s.ref_target)", new ArrayList<>(chunk)));
        }
        all.stream().sorted(f.ascending() ? stored : stored.reversed()).forEachOrdered(k -> both.putIfAbsent(k.id(), k));
        return both.values().stream().limit(limit).toList();
    }

    /**
     * Up to {@code limit} Statements not voided, of the filter's school, class and stored times and past the cursor,
     * that also meet {@code condition}, in stored order, read through {@code index} on Derby (any, when null).
     */
    private static List<Kept> inOrder(Connection c, Filter f, Cursor after, int limit, String index, String condition,
            List<Object> conditionArgs) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE s.voided = 0");
        add(where, args, "s.school_id = ?", f.schoolId());
        where.append(" AND ").append(condition);
        args.addAll(conditionArgs);
        add(where, args, "s.class_ref = ?", f.classRef());
        add(where, args, "s.stored_at > ?", f.since());
        add(where, args, "s.stored_at <= ?", f.until());
        String order = f.ascending() ? "ASC" : "DESC";
        if (after != null) {
            String beyond = f.ascending() ? ">" : "<";
            where.append(" AND (s.stored_at ").append(beyond).append(" ? OR (s.stored_at = ? AND s.id ").append(beyond)
                    .append(" ?))");
            args.add(after.storedAt());
            args.add(after.storedAt());
            args.add(after.id());
        }
        String table = "env_xapi_statement s" + (index == null ? "" : " --DERBY-PROPERTIES index=" + index + "\n");
        return Jdbc.list(c, "SELECT " + PAGE_COLUMNS + " FROM " + table + where
                + " ORDER BY s.stored_at " + order + ", s.id " + order + " FETCH FIRST " + limit + " ROWS ONLY",
                LrsStore::read, args);
    }

    /**
     * The agent, verb, activity and registration a filter asks for, as conditions on a Statement's columns ({@code t}
     * is the table's alias, or empty); the related filters also look in what it names.
     */
    private static String own(String t, Filter f, List<Object> args) {
        StringBuilder own = new StringBuilder(" 1 = 1");
        related(own, args, t, "learner", "g", f.learner(), f.relatedAgents());
        add(own, args, t + "verb = ?", f.verb());
        related(own, args, t, "activity", "a", f.activity(), f.relatedActivities());
        add(own, args, t + "registration = ?", f.registration());
        return own.toString();
    }

    private static void related(StringBuilder where, List<Object> args, String t, String column, String kind,
            String value, boolean related) {
        if (value == null) {
            return;
        }
        if (!related) {
            add(where, args, t + column + " = ?", value);
            return;
        }
        where.append(" AND (").append(t).append(column).append(" = ? OR ").append(t).append("id IN (SELECT r.statement_id "
                + "FROM env_xapi_related r WHERE r.ref_key = ?))");
        args.add(value);
        args.add(key(kind, value));
    }

    private static void add(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            args.add(value);
        }
    }

    private static Kept read(ResultSet r) throws SQLException {
        Instant stored = r.getTimestamp(6).toInstant();
        String body = r.getString(4);
        XapiStore.Row row = body != null ? null : new XapiStore.Row(r.getString(1), r.getString(2), r.getString(7),
                r.getString(8), r.getString(3), r.getString(9), r.getString(10), r.getString(11),
                Jdbc.nullableDouble(r, 12), bool(r, 13), bool(r, 14), r.getTimestamp(15).toInstant(), stored,
                r.getInt(16) > 0, null, null, null);
        return new Kept(r.getString(1), r.getString(2), r.getString(3), body, r.getInt(5) == 1, stored, row);
    }

    private static Boolean bool(ResultSet r, int column) throws SQLException {
        Integer v = Jdbc.nullableInt(r, column);
        return v == null ? null : v == 1;
    }
}
