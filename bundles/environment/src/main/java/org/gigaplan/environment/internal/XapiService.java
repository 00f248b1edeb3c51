package org.gigaplan.environment.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


import org.gigaplan.environment.internal.lrs.StatementAttachments;
import org.gigaplan.environment.internal.lrs.StatementBodies;
import org.gigaplan.environment.internal.lrs.StatementIntake;
import org.gigaplan.environment.internal.lrs.StatementRules;
import org.gigaplan.environment.internal.lrs.XapiMultipart;
import org.gigaplan.environment.internal.store.LrsStore;
import org.gigaplan.environment.internal.store.StatementTotals;
import org.gigaplan.environment.internal.store.XapiStore;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.roster.RosterService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Learning records from digital drills and other tools as xAPI statements. The learner is pseudonymised at the
 * door: an HMAC-SHA256 of their identifier (mbox, mbox_sha1sum, openid or account) with this deployment's secret,
 * generated on first start and kept in the database; the raw identifier is never stored or returned. Groups of
 * fewer than {@value #MIN_GROUP} learners are not shown in the board's summaries.
 */
@Component(service = XapiService.class)
public class XapiService {

    /** The xAPI versions this endpoint speaks: 1.0.3, and 2.0.0 (IEEE 9274.1.1) to clients that ask for it. */
    public static final String VERSION = "1.0.3";
    public static final String VERSION_2 = "2.0.0";

    /** Whether a request's {@code X-Experience-API-Version} names xAPI 2.0 (so its rules and answers are 2.0's). */
    public static boolean isVersion2(String versionHeader) {
        return versionHeader != null && versionHeader.startsWith("2.0");
    }

    /** The actor a Statement has as the school's staff and every view see it: the learner's pseudonym. */
    public static Map<String, Object> pseudonymActor(String pseudonym) {
        return Map.of("objectType", "Agent", "account", Map.of("homePage", PSEUDONYM_HOME, "name", pseudonym));
    }

    /** Statements stored under this home page name pseudonymous learners. */
    public static final String PSEUDONYM_HOME = "urn:gigaplan:pseudonym";
    /** The home page of the authority the LRS sets: the API key or user that posted a Statement. */
    public static final String AUTHORITY_HOME = "urn:gigaplan:poster";

    public static final int MIN_GROUP = 5;

    public static final int MAX_BATCH = 5_000;

    private static final String SECRET = "learner-secret";

    private final XapiStore store;
    /** What is kept beside the statements, and the summaries read from it. */
    private final StatementTotals totals;
    private final PlanClock clock;
    private final Pseudonyms pseudonyms;
    private final String learnerHomePage;

    /** A school's learning records in a period; figures null when fewer than five learners (board view). */
    public record Summary(String schoolId, int learners, boolean suppressed, Long statements, Double meanScore,
            boolean demo) {
    }

    private final NetworkService network;

    private final LrsStore lrs = new LrsStore();
    private final Database db;
    private final StatementBodies bodies;
    private final StatementIntake intake;
    @Activate
    public XapiService(@Reference Database db, @Reference NetworkService migrated, @Reference RosterService roster) {
        // NetworkService applies the module's changelog; referencing it orders this component after it.
        this.network = migrated;
        this.db = db;
        this.clock = migrated.clock();
        this.store = new XapiStore(db, clock.zone());
        this.totals = store.totals();
        totals.ensureKept();
        this.learnerHomePage = migrated.config().learnerHomePage().trim();
        // Nodes starting together on a new database race to make it: the loser runs again and reads the winner's.
        String stored = db.transactionRetrying(this::secretOrNew);
        byte[] secret = Base64.getDecoder().decode(stored);
        this.pseudonyms = new Pseudonyms(secret, roster);
        this.bodies = new StatementBodies(StatementBodies.Mode.of(migrated.config().xapiIdentities()), secret);
        this.intake = new StatementIntake(bodies, pseudonyms::of, pseudonyms::rosterClass, pseudonyms::pseudonymous);
    }

    /** The deployment's pseudonym secret: the one stored, or a new one stored now. */
    private String secretOrNew(java.sql.Connection c) throws java.sql.SQLException {
        var known = store.setting(c, SECRET);
        if (known.isPresent()) {
            return known.get();
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh);
        store.putSetting(c, SECRET, encoded);
        return encoded;
    }

    /** The pseudonym of an xAPI Agent: the same learner always gets the same one in this deployment. */
    public String pseudonym(Object actor, String field) {
        return pseudonyms.of(actor, field);
    }

    /**
     * Stores one statement or an array of them for a school, all or none; returns their ids. A statement whose id
     * is stored already is not stored again.
     */
    public List<String> store(Object body, String schoolId, String by, boolean demo) {
        return store(body, Map.of(), schoolId, by, demo, VERSION);
    }

    /**
     * The same, with the attachments the request carried (multipart/mixed), by their SHA-2: each Statement's are kept
     * with it; one no Statement names, or a signature that does not hold, refuses the batch. Checked by the rules of
     * the request's xAPI version (1.0.x, or 2.0.x).
     */
    public List<String> store(Object body, Map<String, LrsStore.Attachment> parts, String schoolId, String by,
            boolean demo, String version) {
        boolean v2 = isVersion2(version);
        List<?> list = body instanceof List<?> l ? l : body instanceof Map<?, ?> ? List.of(body) : null;
        if (list == null || list.isEmpty()) {
            throw new InvalidInputException("body", "a Statement or an array of Statements");
        }
        FieldChecks.batchSize(list.size(), MAX_BATCH);
        if (!network.knows(schoolId)) {
            throw new InvalidInputException("schoolId", "no school " + schoolId);
        }
        pseudonyms.checkRoster();
        FieldChecks check = new FieldChecks();
        List<XapiStore.Row> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, List<LrsStore.Attachment>> attached = new java.util.HashMap<>();
        Map<String, LrsStore.Related> related = new java.util.HashMap<>();
        Set<String> used = new HashSet<>();
        Instant now = clock.now();
        for (int i = 0; i < list.size(); i++) {
            String at = list.size() == 1 && body instanceof Map ? "" : "[" + i + "]";
            try {
                XapiStore.Row row = intake.row(list.get(i), at, schoolId, now, demo, by, v2, check);
                if (row != null && !ids.add(row.id())) {
                    check.add(at + ".id", "statement " + row.id() + " is in the batch twice");
                } else if (row != null) {
                    rows.add(row);
                    attached.put(row.id(), StatementAttachments.of(list.get(i), at, parts, used, check));
                    related.put(row.id(), intake.related(list.get(i)));
                }
            } catch (InvalidInputException e) {
                check.addAll(e.errors());
            }
        }
        parts.keySet().stream().filter(sha2 -> !used.contains(sha2)).forEach(sha2 -> check.add(
                XapiMultipart.HASH_HEADER, "the part " + sha2 + " is no attachment of a Statement in the request"));
        check.throwIfAny();
        return store.insertNew(rows, by, new XapiStore.Guard() {
            @Override
            public void storedAlready(Connection c, XapiStore.Row r) throws SQLException {
                // (Gone since it was seen: erased with its learner, so not stored again.)
                Optional<LrsStore.Kept> kept = lrs.kept(c, r.id());
                // Another school's: taking it as stored would lose this school's Statement (it never reads the other
                // school's), so it is refused whatever its content, and nothing of the other one is told.
                if (kept.isPresent() && !kept.get().schoolId().equals(r.schoolId())) {
                    throw new ConflictException("id", "statement id " + r.id() + " is in use: give the Statement "
                            + "a new id (a random UUID) / このIDは使われています。新しいID（ランダムなUUID）を付けてください");
                }
                if (kept.isPresent() && !StatementIntake.same(open(kept.get(), true),
                        bodies.open(r.body(), true, XapiService.this::pseudonymous))) {
                    throw new ConflictException("id", "statement " + r.id() + " is stored already with other content");
                }
            }

            @Override
            public void stored(Connection c, List<XapiStore.Row> fresh) throws SQLException {
                for (XapiStore.Row r : fresh) {
                    lrs.keepAttachments(c, r.id(), attached.get(r.id()));
                    lrs.keepRelated(c, r.id(), related.get(r.id()));
                    if (!StatementRules.VOIDED.equals(r.verb())) {
                        continue;
                    }
                    // A voiding Statement's object is a StatementRef (checked at the door): its target, when it is
                    // the same school's. Another school's key neither voids nor learns of it.
                    String target = r.refTarget();
                    Optional<LrsStore.Kept> voided = lrs.kept(c, target).filter(k -> k.schoolId().equals(r.schoolId()));
                    if (voided.isPresent() && StatementRules.VOIDED.equals(voided.get().verb())) {
                        throw new InvalidInputException("object.id", "statement " + target + " voids another: a "
                                + "voiding Statement cannot be voided");
                    }
                    lrs.voidStatement(c, r.schoolId(), target);
                }
            }
        });
    }

    /** A kept Statement as a caller reads it: whole (encrypted mode, agents and the board) or pseudonymous. */
    Map<String, Object> open(LrsStore.Kept kept, boolean whole) {
        return kept.body() == null ? StatementIntake.rebuilt(kept.row()) : bodies.open(kept.body(), whole, this::pseudonymous);
    }

    /** A Statement with its actor as the learner's pseudonym, as the school's staff and every view see it. */
    Map<String, Object> pseudonymous(Map<String, Object> statement) {
        return pseudonyms.pseudonymous(statement);
    }

    /** A page of the Statements resource, and the cursor of the next one (null at the end). */
    public record StatementPage(List<Map<String, Object>> statements, String more) {
    }

    /**
     * One Statement by its id: one not voided ({@code voided} false, as {@code statementId} asks) or one voided (as
     * {@code voidedStatementId} asks); of a school, or any (null: the board).
     *
     * @param whole whether the caller may see learners' identifiers (the encrypted mode's agents and board)
     */
    public Optional<Map<String, Object>> statement(String id, boolean voided, String schoolId, boolean whole) {
        return db.transaction(c -> lrs.kept(c, id.toLowerCase(java.util.Locale.ROOT)))
                .filter(k -> k.voided() == voided && (schoolId == null || schoolId.equals(k.schoolId())))
                .map(k -> open(k, whole));
    }

    /** The attachments kept of these Statements (by their ids), each SHA-2 once: for an answer with its attachments. */
    public List<LrsStore.Attachment> attachments(List<Map<String, Object>> statements) {
        List<String> ids = statements.stream().map(st -> String.valueOf(st.get("id")).toLowerCase(java.util.Locale.ROOT))
                .toList();
        return ids.isEmpty() ? List.of() : db.transaction(c -> lrs.attachments(c, ids));
    }

    /** Statements that are not voided, newest stored first unless ascending, a page after a cursor. */
    public StatementPage page(LrsStore.Filter filter, String cursor, int limit, boolean whole) {
        LrsStore.Cursor after = cursor == null ? null : LrsStore.Cursor.of(cursor).orElseThrow(
                () -> new InvalidInputException("cursor", "not a cursor this LRS gave"));
        List<LrsStore.Kept> kept = db.transaction(c -> lrs.page(c, filter, after, limit + 1));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, kept.size()); i++) {
            out.add(open(kept.get(i), whole));
        }
        String more = kept.size() > limit ? new LrsStore.Cursor(kept.get(limit - 1).storedAt(), kept.get(limit - 1).id())
                .text() : null;
        return new StatementPage(out, more);
    }

    /**
     * The definition of an Activity as the Statements at a school gave it (the newest hundred): the newest's, with the
     * name and description in every language any of them gave.
     */
    public Optional<Object> definition(String schoolId, String activityId, boolean whole) {
        List<LrsStore.Kept> newest = db.transaction(c -> lrs.page(c, new LrsStore.Filter(schoolId, null, null,
                activityId, null, null, null, null, false), null, 100));
        Map<String, Object> merged = new LinkedHashMap<>();
        for (int i = newest.size() - 1; i >= 0; i--) {
            if (open(newest.get(i), whole).get("object") instanceof Map<?, ?> object
                    && object.get("definition") instanceof Map<?, ?> definition) {
                definition.forEach((k, v) -> {
                    String key = String.valueOf(k);
                    if (("name".equals(key) || "description".equals(key)) && v instanceof Map<?, ?> languages
                            && merged.get(key) instanceof Map<?, ?> before) {
                        Map<Object, Object> both = new LinkedHashMap<>(before);
                        both.putAll(languages);
                        merged.put(key, both);
                    } else {
                        merged.put(key, v);
                    }
                });
            }
        }
        return merged.isEmpty() ? Optional.empty() : Optional.of(merged);
    }

    /** The xAPI version the LRS answers in when a request names none (configured: 1.0.3 or 2.0.0). */
    public String defaultVersion() {
        return VERSION_2.equals(network.config().xapiVersion().trim()) ? VERSION_2 : VERSION;
    }

    /** Whether the LRS returns Statements as posted to callers who may see learners' identifiers. */
    public boolean keepsIdentities() {
        return bodies.mode() == StatementBodies.Mode.ENCRYPTED;
    }

    /** Statements matching the xAPI filters, newest first, the learner as a pseudonymous account. */
    public List<Map<String, Object>> find(XapiStore.Query q, int limit) {
        return store.find(q, limit).stream().map(StatementIntake::rebuilt).toList();
    }

    /**
     * The xAPI Agent of a logged-in learner: their login as e-mail address, or as account name at the configured
     * home page of the drills' accounts.
     */
    public Map<String, Object> learnerAgent(String login) {
        return learnerHomePage.isEmpty() ? Map.of("mbox", "mailto:" + login)
                : Map.of("account", Map.of("homePage", learnerHomePage, "name", login));
    }

    /** A learner's own history: their newest statements and their activity week by week, in (since, until]. */
    public record LearnerHistory(String learner, List<Map<String, Object>> statements, List<XapiActivityWeek> weeks) {
    }

    /** The history of the learner with this login, at their school. */
    public LearnerHistory learnerHistory(String schoolId, String login, Instant since, Instant until, int limit) {
        String learner = pseudonym(learnerAgent(login), "agent");
        // Looking is the plan's evidence that learners use their own learning histories (P3-B2).
        totals.learnerViews().learnerOpened(schoolId, learner, clock.currentFiscalYear().year(), clock.now(), false);
        List<Map<String, Object>> statements = find(new XapiStore.Query(schoolId, learner, null, null, since, until, null),
                limit);
        return new LearnerHistory(learner, statements, store.activity(new XapiStore.Query(schoolId, learner, null, null,
                since, until, null), clock.zone()));
    }

    /** Erases every statement of a learner and the LRS documents naming them; how many of each there were. */
    public XapiStore.Erased erase(Object actor) {
        return store.erase(pseudonym(actor, "agent"));
    }

    /**
     * Per school (or one school): learners, statements and mean score in a period (its whole days from what is kept);
     * with {@code suppressSmall} (the board's view) no figures under five learners.
     */
    public List<Summary> summary(String schoolId, Instant since, Instant until, boolean suppressSmall) {
        return summaries(totals.summary(schoolId, since, until), suppressSmall);
    }

    /**
     * The same over a fiscal year, read from what is kept per school and year, or over every year ({@code fy} null),
     * from the school's years and its learners kept once each (a learner of two years counts once).
     */
    public List<Summary> summary(String schoolId, FiscalYear fy, boolean suppressSmall) {
        return summaries(fy == null ? totals.summary(schoolId) : totals.summary(schoolId, fy), suppressSmall);
    }

    private static List<Summary> summaries(List<StatementTotals.SchoolSummary> counted, boolean suppressSmall) {
        return counted.stream().map(s -> suppressSmall && s.learners() < MIN_GROUP
                ? new Summary(s.schoolId(), s.learners(), true, null, null, s.demo())
                : new Summary(s.schoolId(), s.learners(), false, s.statements(), s.meanScore(), s.demo())).toList();
    }

    /**
     * Learners who opened their own history in a fiscal year, of the learners with records in it (one school, or
     * every school of {@code schools}): [share, learners with records, demo]; empty under five learners.
     */
    public Optional<double[]> learnersLooking(FiscalYear fy, String schoolId, java.util.Collection<String> schools) {
        List<StatementTotals.SchoolSummary> withRecords = totals.summary(schoolId, fy).stream()
                .filter(s -> schoolId != null || schools.contains(s.schoolId())).toList();
        int learners = withRecords.stream().mapToInt(StatementTotals.SchoolSummary::learners).sum();
        if (learners < MIN_GROUP) {
            return Optional.empty();
        }
        Map<String, Integer> opened = totals.learnerViews().learnersOpened(fy.year());
        int looking = withRecords.stream().mapToInt(s -> Math.min(s.learners(), opened.getOrDefault(s.schoolId(), 0)))
                .sum();
        return Optional.of(new double[] { org.gigaplan.plan.spi.Percent.of(looking, learners), learners,
                withRecords.stream().anyMatch(StatementTotals.SchoolSummary::demo) ? 1 : 0 });
    }

    /** Demo data: a learner of the demo drill records looked at their own history in a fiscal year. */
    void demoOpened(String schoolId, String mbox, FiscalYear fy) {
        totals.learnerViews().learnerOpened(schoolId, pseudonym(Map.of("mbox", mbox), "agent"), fy.year(),
                fy.start().plusMonths(1).atStartOfDay(clock.zone()).toInstant(), true);
    }

    /** The classes a school's statements name in a period, so a teacher can pick theirs. */
    public List<XapiClass> classes(String schoolId, Instant since, Instant until) {
        return store.classes(schoolId, since, until);
    }

    /** A class's activity and results week by week, for its teacher: counts and means, never learners. */
    public List<XapiActivityWeek> classActivity(String schoolId, String classRef, Instant since, Instant until) {
        return store.activity(new XapiStore.Query(schoolId, null, null, null, since, until, classRef), clock.zone());
    }

    public PlanClock clock() {
        return clock;
    }
}
