package org.gigaplan.environment.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gigaplan.environment.internal.store.XapiStore;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.roster.RosterListener;
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
@Component(service = { XapiService.class, RosterListener.class })
public class XapiService implements RosterListener {

    /** The xAPI version this endpoint speaks. */
    public static final String VERSION = "1.0.3";

    /** Statements stored under this home page name pseudonymous learners. */
    public static final String PSEUDONYM_HOME = "urn:gigaplan:pseudonym";

    public static final int MIN_GROUP = 5;

    public static final int MAX_BATCH = 5_000;

    private static final String SECRET = "learner-secret";

    private final XapiStore store;
    private final PlanClock clock;
    private final byte[] secret;
    private final String learnerHomePage;

    /** A school's learning records in a period; figures null when fewer than five learners (board view). */
    public record Summary(String schoolId, int learners, boolean suppressed, Long statements, Double meanScore,
            boolean demo) {
    }

    /** The top-level properties of an xAPI 1.0.3 Statement: any other is refused, as the specification says. */
    static final Set<String> STATEMENT_PROPERTIES = Set.of("id", "actor", "verb", "object", "result", "context",
            "timestamp", "stored", "authority", "version", "attachments");

    private final NetworkService network;

    private final RosterService roster;
    /** A learner's homeroom class by the identity a drill names them with, from the roster; forgotten on an import. */
    private final Map<String, Optional<String>> rosterClasses = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > 50_000;
                }
            });

    @Activate
    public XapiService(@Reference Database db, @Reference NetworkService migrated, @Reference RosterService roster) {
        // NetworkService applies the module's changelog; referencing it orders this component after it.
        this.network = migrated;
        this.roster = roster;
        this.clock = migrated.clock();
        this.store = new XapiStore(db, clock.zone());
        store.ensureLearnerYears();
        this.learnerHomePage = migrated.config().learnerHomePage().trim();
        String stored = db.transaction(c -> {
            var known = store.setting(c, SECRET);
            if (known.isPresent()) {
                return known.get();
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String encoded = Base64.getEncoder().encodeToString(fresh);
            store.putSetting(c, SECRET, encoded);
            return encoded;
        });
        this.secret = Base64.getDecoder().decode(stored);
    }

    /** The pseudonym of an xAPI Agent: the same learner always gets the same one in this deployment. */
    public String pseudonym(Object actor, String field) {
        if (!(actor instanceof Map<?, ?> a)) {
            throw new InvalidInputException(field, "an Agent: {\"mbox\":\"mailto:…\"} or {\"account\":{\"homePage\":…,\"name\":…}}");
        }
        String key;
        if (a.get("mbox") instanceof String mbox && mbox.startsWith("mailto:")) {
            key = "mbox:" + mbox.toLowerCase(java.util.Locale.ROOT);
        } else if (a.get("mbox_sha1sum") instanceof String sum && !sum.isBlank()) {
            key = "sha1:" + sum;
        } else if (a.get("openid") instanceof String openid && !openid.isBlank()) {
            key = "openid:" + openid;
        } else if (a.get("account") instanceof Map<?, ?> account && account.get("homePage") instanceof String home
                && account.get("name") instanceof String name && !name.isBlank()) {
            if (PSEUDONYM_HOME.equals(home)) {
                return name;
            }
            key = "account:" + home + "|" + name;
        } else {
            throw new InvalidInputException(field, "an Agent needs one identifier: mbox (mailto:…), mbox_sha1sum, openid "
                    + "or account {homePage, name}");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Stores one statement or an array of them for a school, all or none; returns their ids. A statement whose id
     * is stored already is not stored again.
     */
    public List<String> store(Object body, String schoolId, String by, boolean demo) {
        List<?> list = body instanceof List<?> l ? l : body instanceof Map<?, ?> ? List.of(body) : null;
        if (list == null || list.isEmpty()) {
            throw new InvalidInputException("body", "a Statement or an array of Statements");
        }
        if (list.size() > MAX_BATCH) {
            throw new InvalidInputException("body", "at most " + MAX_BATCH + " statements in one batch, was " + list.size());
        }
        if (!network.knows(schoolId)) {
            throw new InvalidInputException("schoolId", "no school " + schoolId);
        }
        FieldChecks check = new FieldChecks();
        List<XapiStore.Row> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Instant now = clock.now();
        for (int i = 0; i < list.size(); i++) {
            String at = list.size() == 1 && body instanceof Map ? "" : "[" + i + "]";
            try {
                XapiStore.Row row = row(list.get(i), at, schoolId, now, demo, check);
                if (row != null && !ids.add(row.id())) {
                    check.add(at + ".id", "statement " + row.id() + " is in the batch twice");
                } else if (row != null) {
                    rows.add(row);
                }
            } catch (InvalidInputException e) {
                check.addAll(e.errors());
            }
        }
        check.throwIfAny();
        return store.insertNew(rows, by);
    }

    private XapiStore.Row row(Object raw, String at, String schoolId, Instant now, boolean demo, FieldChecks check) {
        String p = at.isEmpty() ? "" : at + ".";
        if (!(raw instanceof Map<?, ?> s)) {
            check.add(at.isEmpty() ? "body" : at, "must be a Statement");
            return null;
        }
        s.keySet().stream().map(String::valueOf).filter(k -> !STATEMENT_PROPERTIES.contains(k)).sorted()
                .forEach(k -> check.add(p + k, "not a property of an xAPI Statement"));
        String id = s.get("id") instanceof String given ? given : UUID.randomUUID().toString();
        try {
            id = UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            check.add(p + "id", "a UUID, was \"" + s.get("id") + "\"");
        }
        String learner = pseudonym(s.get("actor"), p + "actor");
        Map<?, ?> verb = s.get("verb") instanceof Map<?, ?> v ? v : Map.of();
        String verbId = iri(verb.get("id"), p + "verb.id", check);
        Map<?, ?> object = s.get("object") instanceof Map<?, ?> o ? o : Map.of();
        String activity = iri(object.get("id"), p + "object.id", check);
        Map<?, ?> result = s.get("result") instanceof Map<?, ?> r ? r : Map.of();
        Double scaled = null;
        if (result.get("score") instanceof Map<?, ?> score && score.get("scaled") != null) {
            if (score.get("scaled") instanceof Number n && n.doubleValue() >= -1 && n.doubleValue() <= 1) {
                scaled = n.doubleValue();
            } else {
                check.add(p + "result.score.scaled", "a number from -1 to 1, was " + score.get("scaled"));
            }
        }
        if (result.get("score") instanceof Map<?, ?> score) {
            Double rawScore = number(score.get("raw"), p + "result.score.raw", check);
            Double min = number(score.get("min"), p + "result.score.min", check);
            Double max = number(score.get("max"), p + "result.score.max", check);
            if (min != null && max != null && min > max) {
                check.add(p + "result.score.min", "at most max (" + max + "), was " + min);
            } else if (rawScore != null && (max != null && rawScore > max || min != null && rawScore < min)) {
                check.add(p + "result.score.raw", "between min and max, was " + rawScore);
            }
        }
        Instant when = now;
        if (s.get("timestamp") instanceof String ts) {
            try {
                when = OffsetDateTime.parse(ts).toInstant();
                if (when.isAfter(now.plusSeconds(300))) {
                    check.add(p + "timestamp", "is in the future: " + ts);
                } else if (!FiscalYear.handles(LocalDate.ofInstant(when, ZoneOffset.UTC))) {
                    check.add(p + "timestamp", FiscalYear.range() + ", was " + ts);
                }
            } catch (DateTimeParseException e) {
                check.add(p + "timestamp", "ISO 8601 with offset, was \"" + ts + "\"");
            }
        }
        String classRef = null;
        if (s.get("context") instanceof Map<?, ?> context && context.get("extensions") instanceof Map<?, ?> ext) {
            for (Map.Entry<?, ?> e : ext.entrySet()) {
                if (String.valueOf(e.getKey()).endsWith("/class") && e.getValue() != null) {
                    classRef = String.valueOf(e.getValue()).trim();
                    if (classRef.length() > 32) {
                        check.add(p + "context.extensions", "a class of at most 32 characters");
                    }
                }
            }
        }
        if (classRef == null) {
            classRef = rosterClass(s.get("actor"), schoolId);
        }
        return new XapiStore.Row(id, schoolId, classRef, learner, verbId, first(verb.get("display")), activity,
                object.get("definition") instanceof Map<?, ?> d ? first(d.get("name")) : null, scaled,
                result.get("success") instanceof Boolean b ? b : null,
                result.get("completion") instanceof Boolean b ? b : null, when, now, demo);
    }

    /**
     * The homeroom class ({@code 5-1}) the board's roster puts a statement's learner in, at the school the statement is
     * for: by their e-mail (mbox) or their account name as the drill names them; null when the roster does not know
     * them there.
     */
    private String rosterClass(Object actor, String schoolId) {
        if (!(actor instanceof Map<?, ?> a)) {
            return null;
        }
        String identity = a.get("mbox") instanceof String mbox && mbox.startsWith("mailto:") ? mbox.substring(7)
                : a.get("account") instanceof Map<?, ?> account && account.get("name") instanceof String name ? name
                        : null;
        if (identity == null || identity.isBlank()) {
            return null;
        }
        return rosterClasses.computeIfAbsent(schoolId + "|" + identity.trim().toLowerCase(java.util.Locale.ROOT),
                k -> roster.learner(identity).filter(l -> l.schoolId().equals(schoolId))
                        .flatMap(l -> l.classes().stream().findFirst()).map(c -> c.grade() + "-" + c.name()))
                .orElse(null);
    }

    @Override
    public void rosterChanged(Set<String> schoolIds) {
        rosterClasses.clear();
    }

    /** An optional number of a score; anything else is refused. */
    private static Double number(Object value, String field, FieldChecks check) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        check.add(field, "a number, was " + value);
        return null;
    }

    private static String iri(Object value, String field, FieldChecks check) {
        if (value instanceof String s) {
            try {
                if (URI.create(s).isAbsolute() && s.length() <= 300) {
                    return s;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        check.add(field, "an absolute IRI, was " + value);
        return "";
    }

    private static String first(Object languageMap) {
        if (languageMap instanceof Map<?, ?> m && !m.isEmpty()) {
            Object v = m.containsKey("ja-JP") ? m.get("ja-JP") : m.containsKey("en-US") ? m.get("en-US") : m.values().iterator().next();
            String s = String.valueOf(v);
            return s.length() > 200 ? s.substring(0, 200) : s;
        }
        return null;
    }

    /** Statements matching the xAPI filters, newest first, the learner as a pseudonymous account. */
    public List<Map<String, Object>> find(XapiStore.Query q, int limit) {
        return store.find(q, limit).stream().map(XapiService::statement).toList();
    }

    static Map<String, Object> statement(XapiStore.Row r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", r.id());
        s.put("actor", Map.of("objectType", "Agent", "account", Map.of("homePage", PSEUDONYM_HOME, "name", r.learner())));
        Map<String, Object> verb = new LinkedHashMap<>();
        verb.put("id", r.verb());
        if (r.verbDisplay() != null) {
            verb.put("display", Map.of("und", r.verbDisplay()));
        }
        s.put("verb", verb);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("objectType", "Activity");
        object.put("id", r.activity());
        if (r.activityName() != null) {
            object.put("definition", Map.of("name", Map.of("und", r.activityName())));
        }
        s.put("object", object);
        Map<String, Object> result = new LinkedHashMap<>();
        if (r.scoreScaled() != null) {
            result.put("score", Map.of("scaled", r.scoreScaled()));
        }
        if (r.success() != null) {
            result.put("success", r.success());
        }
        if (r.completion() != null) {
            result.put("completion", r.completion());
        }
        if (!result.isEmpty()) {
            s.put("result", result);
        }
        if (r.classRef() != null) {
            s.put("context", Map.of("extensions", Map.of("urn:gigaplan:class", r.classRef())));
        }
        s.put("timestamp", r.occurredAt().toString());
        s.put("stored", r.storedAt().toString());
        return s;
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
        store.learnerOpened(schoolId, learner, clock.currentFiscalYear().year(), clock.now(), false);
        List<Map<String, Object>> statements = find(new XapiStore.Query(schoolId, learner, null, null, since, until, null),
                limit);
        return new LearnerHistory(learner, statements, store.activity(new XapiStore.Query(schoolId, learner, null, null,
                since, until, null), clock.zone()));
    }

    /** Erases every statement of a learner; how many there were. */
    public int erase(Object actor) {
        return store.erase(pseudonym(actor, "agent"));
    }

    /**
     * Per school (or one school): learners, statements and mean score in a period counted from the statements;
     * with {@code suppressSmall} (the board's view) no figures under five learners.
     */
    public List<Summary> summary(String schoolId, Instant since, Instant until, boolean suppressSmall) {
        return summaries(store.summary(schoolId, since, until), suppressSmall);
    }

    /** The same over whole fiscal years ({@code fy} null: every year), read from what is kept per learner and year. */
    public List<Summary> summary(String schoolId, FiscalYear fy, boolean suppressSmall) {
        return summaries(fy == null ? store.summary(schoolId, 0, Short.MAX_VALUE)
                : store.summary(schoolId, fy.year(), fy.year()), suppressSmall);
    }

    private static List<Summary> summaries(List<XapiStore.SchoolSummary> counted, boolean suppressSmall) {
        return counted.stream().map(s -> suppressSmall && s.learners() < MIN_GROUP
                ? new Summary(s.schoolId(), s.learners(), true, null, null, s.demo())
                : new Summary(s.schoolId(), s.learners(), false, s.statements(), s.meanScore(), s.demo())).toList();
    }

    /**
     * Learners who opened their own history in a fiscal year, of the learners with records in it (one school, or
     * every school of {@code schools}): [share, learners with records, demo]; empty under five learners.
     */
    public Optional<double[]> learnersLooking(FiscalYear fy, String schoolId, java.util.Collection<String> schools) {
        List<XapiStore.SchoolSummary> withRecords = store.summary(schoolId, fy.year(), fy.year()).stream()
                .filter(s -> schoolId != null || schools.contains(s.schoolId())).toList();
        int learners = withRecords.stream().mapToInt(XapiStore.SchoolSummary::learners).sum();
        if (learners < MIN_GROUP) {
            return Optional.empty();
        }
        Map<String, Integer> opened = store.learnersOpened(fy.year());
        int looking = withRecords.stream().mapToInt(s -> Math.min(s.learners(), opened.getOrDefault(s.schoolId(), 0)))
                .sum();
        return Optional.of(new double[] { org.gigaplan.plan.spi.Percent.of(looking, learners), learners,
                withRecords.stream().anyMatch(XapiStore.SchoolSummary::demo) ? 1 : 0 });
    }

    /** Demo data: a learner of the demo drill records looked at their own history in a fiscal year. */
    void demoOpened(String schoolId, String mbox, FiscalYear fy) {
        store.learnerOpened(schoolId, pseudonym(Map.of("mbox", mbox), "agent"), fy.year(),
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
