package org.gigaplan.environment.internal;

import static org.gigaplan.testkit.FakeSchools.school;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import org.gigaplan.environment.internal.store.LrsStore;
import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.FakeTeachers;
import org.gigaplan.testkit.AtOnce;

import org.gigaplan.testkit.TestClocks;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Network status and findings over a real database, on Derby and PostgreSQL. */
abstract class NetworkContract {

    static final java.time.ZoneId TOKYO = java.time.ZoneId.of("Asia/Tokyo");

    /** The days tests are taken on: 40 days apart, so each 30-day window holds one test. */
    static final OffsetDateTime T0 = OffsetDateTime.of(2025, 5, 12, 10, 0, 0, 0, ZoneOffset.ofHours(9));

    FakeSchools schools;
    final org.gigaplan.testkit.FakeRoster roster = new org.gigaplan.testkit.FakeRoster();
    NetworkService network;

    abstract DataSource dataSource();

    static EnvironmentConfig config() {
        return config("");
    }

    static EnvironmentConfig config(String learnerHomePage) {
        return config(learnerHomePage, 30);
    }

    static EnvironmentConfig config(String learnerHomePage, int windowDays) {
        return config(learnerHomePage, windowDays, "pseudonym");
    }

    static EnvironmentConfig config(String learnerHomePage, int windowDays, String identities) {
        return new EnvironmentConfig() {
            public Class<? extends Annotation> annotationType() {
                return EnvironmentConfig.class;
            }

            public int windowDays() {
                return windowDays;
            }

            public boolean classHoursOnly() {
                return true;
            }

            public int problemPercent() {
                return 100;
            }

            public int recoveryPercent() {
                return 110;
            }

            public String learnerHomePage() {
                return learnerHomePage;
            }

            public String followUpSchedule() {
                return "daily 08:30";
            }

            public int escalateAfterDays() {
                return 14;
            }

            public int agentSilentDays() {
                return 3;
            }

            public String schoolDay() {
                return "08:30-15:30";
            }

            public String xapiIdentities() {
                return identities;
            }

            @Override
            public String xapiVersion() {
                return "1.0.3";
            }
        };
    }

    @BeforeEach
    void fresh() {
        TestDatabase db = TestDatabase.on(dataSource());
        // The first service migrates the tables; the test's starts on them emptied.
        new NetworkService(db, new FakeSchools(), new FakeEnablement(), CLOCK, config());
        db.clear("env_xapi_document", "env_webhook", "env_agent_silence", "env_finding_note", "env_finding", "env_school_lock", "env_school_status", "env_measurement", "env_xapi_statement", "env_xapi_learner_year", "env_xapi_school_day", "env_xapi_school_week", "env_xapi_school_year", "env_xapi_school_learner", "env_xapi_school_learners",
                "env_history_use", "env_history_view", "env_learner_view");
        schools = FakeSchools.sample().add(
                school("N-1", "ネット小学校", "Net Elementary", SchoolType.ELEMENTARY, 420, 14),
                school("N-2", "ネット中学校", "Net Junior High", SchoolType.JUNIOR_HIGH, 560, 16));
        enablement = new FakeEnablement();
        network = new NetworkService(db, schools, enablement, CLOCK, config());
        xapi = new XapiService(db, network, roster);
        teachers = new FakeTeachers().list("N-1", "T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08")
                .list("N-2", "T01", "T02");
        uses = new HistoryUseService(db, schools, enablement, network, teachers);
        this.db = db;
    }

    XapiService xapi;
    HistoryUseService uses;
    FakeTeachers teachers;
    FakeEnablement enablement;
    TestDatabase db;

    static java.util.Map<String, Object> statement(String learner, String verb, String activity, double score,
            String timestamp) {
        return java.util.Map.of("actor", java.util.Map.of("mbox", "mailto:" + learner + "@school.example"),
                "verb", java.util.Map.of("id", "http://adlnet.gov/expapi/verbs/" + verb, "display", java.util.Map.of("en-US", verb)),
                "object", java.util.Map.of("id", "https://drill.example/" + activity),
                "result", java.util.Map.of("score", java.util.Map.of("scaled", score), "completion", true),
                "context", java.util.Map.of("extensions", java.util.Map.of("https://drill.example/ext/class", "5-1")),
                "timestamp", timestamp);
    }

    @Test
    void aRosterImportedOnAnotherNodeGivesTheNextBatchItsClasses() {
        roster.learner("N-1", "kai@school.example", "6年2組");
        java.util.function.Supplier<java.util.Map<String, Object>> kai = () -> java.util.Map.of(
                "actor", java.util.Map.of("mbox", "mailto:kai@school.example"), "verb", java.util.Map.of("id",
                        "http://adlnet.gov/expapi/verbs/completed"), "object", java.util.Map.of("id",
                        "https://drill.example/math/9"), "timestamp", "2025-06-05T10:00:00+09:00");
        java.util.function.Function<String, Integer> inClass = k -> xapi.find(
                new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null, null, null, null, k),
                100).size();
        xapi.store(List.of(kai.get()), "N-1", "agent", false);
        assertEquals(1, inClass.apply("6-2"));
        // Another node imports a roster that moves Kai: no listener is told here, the roster's version moved.
        roster.learner("N-1", "kai@school.example", "3年1組");
        xapi.store(List.of(kai.get()), "N-1", "agent", false);
        assertEquals(1, inClass.apply("3-1"), "the next batch reads the new roster, not the class kept in memory");
    }

    @Test
    void aStatementWithoutAClassTakesTheLearnersHomeroomFromTheRoster() {
        roster.learner("N-1", "mei@school.example", "6年2組").learner("N-2", "sora@school.example", "1年1組");
        java.util.function.Function<String, java.util.Map<String, Object>> noClass = who -> java.util.Map.of(
                "actor", java.util.Map.of("mbox", "mailto:" + who), "verb", java.util.Map.of("id",
                        "http://adlnet.gov/expapi/verbs/completed"), "object", java.util.Map.of("id",
                        "https://drill.example/math/9"), "timestamp", "2025-06-05T10:00:00+09:00");
        xapi.store(List.of(noClass.apply("Mei@School.example"), noClass.apply("sora@school.example"),
                noClass.apply("unknown@school.example")), "N-1", "agent", false);
        java.util.function.Function<String, Integer> inClass = k -> xapi.find(
                new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null, null, null, null, k),
                100).size();
        assertEquals(1, inClass.apply("6-2"), "Mei's homeroom, named in any case");
        assertEquals(0, inClass.apply("1-1"), "Sora is on another school's roster: no class here");
        assertEquals(3, xapi.find(new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null, null,
                null, null, null), 100).size(), "statements of learners the roster does not know are kept, classless");
        // A class the statement names wins over the roster's.
        xapi.store(List.of(statement("mei", "answered", "math/10", 0.5, "2025-06-06T10:00:00+09:00")), "N-1",
                "agent", false);
        assertEquals(1, inClass.apply("5-1"));
        // The Japanese profile's context names the class by the roster's id (a 学習eポータル hands the drill its
        // OneRoster sourcedId): as a grouping Activity's IRI, or the account of the context's team.
        roster.classes("N-1", "4年3組", "6年2組");
        java.util.Map<String, Object> grouped = new java.util.LinkedHashMap<>(noClass.apply("unknown@school.example"));
        grouped.put("context", java.util.Map.of("contextActivities", java.util.Map.of("grouping", List.of(
                java.util.Map.of("id", "https://portal.example/oneroster/classes/N-1/4年3組")))));
        java.util.Map<String, Object> team = new java.util.LinkedHashMap<>(noClass.apply("mei@school.example"));
        team.put("context", java.util.Map.of("team", java.util.Map.of("objectType", "Group", "account",
                java.util.Map.of("homePage", "https://portal.example", "name", "N-1/4年3組"))));
        xapi.store(List.of(grouped, team), "N-1", "agent", false);
        assertEquals(2, inClass.apply("4-3"), "the class the context names, over Mei's homeroom (6-2)");
    }

    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, java.util.LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A vendor's statement as the Japanese profile writes it: language maps, raw scores, duration, extensions. */
    static final String FULL = """
            {"id":"0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b","actor":{"objectType":"Agent","name":"児童A",
             "mbox":"mailto:mei@school.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed",
             "display":{"ja":"完了","en-US":"completed"}},"object":{"objectType":"Activity",
             "id":"https://drill.example/math/5/fractions","definition":{"name":{"ja":"分数のたし算"},
             "type":"http://adlnet.gov/expapi/activities/assessment"}},"result":{"score":{"raw":8,"min":0,"max":10,
             "scaled":0.8},"success":true,"completion":true,"duration":"PT12M30S",
             "extensions":{"https://w3id.org/xapi/jpedudataspec/extensions/attempts":2}},
             "context":{"registration":"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d","platform":"drill",
             "language":"ja-JP","contextActivities":{"grouping":[{"id":"https://drill.example/course/math-5"}]},
             "extensions":{"https://drill.example/ext/class":"5-1"}},"timestamp":"2025-06-02T10:00:00+09:00"}
            """;

    @Test
    void theLrsKeepsStatementsWholeEncryptedAnswersByIdVoidsAndPages() throws Exception {
        XapiService lrs = new XapiService(db, new NetworkService(db, schools, enablement, CLOCK,
                config("", 30, "encrypted")), roster);
        java.util.Map<String, Object> posted = json(FULL);
        lrs.store(posted, "N-1", "key:test (drill)", false);
        java.util.Map<String, Object> back = lrs.statement("0F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A0B", false, "N-1", true)
                .orElseThrow();
        java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>(posted);
        expected.put("stored", back.get("stored"));
        expected.put("authority", back.get("authority"));
        expected.put("version", "1.0.0");
        assertEquals(expected, back, "every property as posted, the language maps and scores too");
        assertEquals("key:test (drill)", ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) back.get("authority"))
                .get("account")).get("name"));
        java.util.Map<String, Object> staff = lrs.statement(back.get("id").toString(), false, "N-1", false).orElseThrow();
        assertEquals(XapiService.PSEUDONYM_HOME, ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) staff.get("actor"))
                .get("account")).get("homePage"), "the school's staff see the pseudonym");
        assertTrue(lrs.statement(back.get("id").toString(), false, "N-2", true).isEmpty(), "another school's agent");
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.ResultSet r = c.createStatement()
                .executeQuery("SELECT body FROM env_xapi_statement")) {
            assertTrue(r.next());
            assertFalse(r.getString(1).contains("mei@") || r.getString(1).contains("分数"), "encrypted at rest");
        }
        // Voiding: the target is answered only as voided; a voiding Statement cannot be voided.
        java.util.Map<String, Object> voiding = json("""
                {"id":"11111111-2222-4333-8444-555555555555","actor":{"mbox":"mailto:teacher@school.example"},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
                 "object":{"objectType":"StatementRef","id":"0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"}}""");
        lrs.store(voiding, "N-1", "key:test (drill)", false);
        assertTrue(lrs.statement(back.get("id").toString(), false, "N-1", true).isEmpty());
        assertEquals(posted.get("result"), lrs.statement(back.get("id").toString(), true, "N-1", true).orElseThrow()
                .get("result"));
        java.util.Map<String, Object> voidTheVoid = json("""
                {"actor":{"mbox":"mailto:teacher@school.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
                 "object":{"objectType":"StatementRef","id":"11111111-2222-4333-8444-555555555555"}}""");
        assertRefused("object.id", () -> lrs.store(voidTheVoid, "N-1", "key:test (drill)", false));
        // Asked by the voided Statement's verb, the voiding Statement comes (it targets one), the voided one not.
        List<Object> byVerb = lrs.page(new org.gigaplan.environment.internal.store.LrsStore.Filter("N-1", null,
                "http://adlnet.gov/expapi/verbs/completed", null, null, null, null, null, false), null, 10, true)
                .statements().stream().map(x -> x.get("id")).toList();
        assertEquals(List.of("11111111-2222-4333-8444-555555555555"), byVerb);
        // Pages of two, newest stored first, the voided one left out; ascending the other way.
        for (int i = 0; i < 3; i++) {
            lrs.store(statement("p" + i, "completed", "page/" + i, 0.5, "2025-06-03T10:00:00+09:00"), "N-1", "k",
                    false);
        }
        List<String> seen = pagedIds(lrs, new org.gigaplan.environment.internal.store.LrsStore.Filter("N-1", null,
                null, null, null, null, null, null, false), 2);
        assertEquals(4, seen.size(), "three and the voiding Statement: " + seen);
        assertFalse(seen.contains("0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"));
        List<String> ascending = lrs.page(new org.gigaplan.environment.internal.store.LrsStore.Filter("N-1", null, null,
                null, null, null, null, null, true), null, 10, true).statements().stream()
                .map(x -> String.valueOf(x.get("id"))).toList();
        List<String> reversed = new java.util.ArrayList<>(seen);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ascending);
        // Across schools (the board, read through the index in stored order): another school's among them, pages of
        // two both ways, the same statements in the same order as a page of all.
        lrs.store(statement("q0", "completed", "page/q", 0.5, "2025-06-03T11:00:00+09:00"), "N-2", "k", false);
        for (boolean up : List.of(false, true)) {
            org.gigaplan.environment.internal.store.LrsStore.Filter city = new org.gigaplan.environment.internal.store
                    .LrsStore.Filter(null, null, null, null, null, null, null, null, up);
            List<String> all = lrs.page(city, null, 100, true).statements().stream()
                    .map(x -> String.valueOf(x.get("id"))).toList();
            assertEquals(seen.size() + 1, all.size(), "N-1's and N-2's: " + all);
            assertEquals(all, pagedIds(lrs, city, 2), up ? "oldest first" : "newest first");
            assertEquals(up ? ascending : seen, all.stream().filter(seen::contains).toList());
        }
        // A batch's Statements share their stored time: paged by two either way, each comes once (a cursor cut to
        // the millisecond skipped the rest of the batch newest first and repeated its last oldest first).
        List<String> batch = lrs.store(List.of(statement("b0", "completed", "batch/0", 0.5, "2025-06-04T10:00:00+09:00"),
                statement("b1", "completed", "batch/1", 0.5, "2025-06-04T10:00:00+09:00"),
                statement("b2", "completed", "batch/2", 0.5, "2025-06-04T10:00:00+09:00"),
                statement("b3", "completed", "batch/3", 0.5, "2025-06-04T10:00:00+09:00"),
                statement("b4", "completed", "batch/4", 0.5, "2025-06-04T10:00:00+09:00")), "N-2", "k", false);
        for (boolean up : List.of(false, true)) {
            List<String> paged = pagedIds(lrs, new org.gigaplan.environment.internal.store.LrsStore.Filter("N-2", null,
                    null, null, null, null, null, null, up), 2);
            assertEquals(6, paged.size(), "q0 and the batch of five, each once: " + paged);
            assertEquals(new java.util.HashSet<>(batch), paged.stream().filter(batch::contains)
                    .collect(java.util.stream.Collectors.toSet()));
        }
        assertEquals(List.of("11111111-2222-4333-8444-555555555555"), lrs.page(
                new org.gigaplan.environment.internal.store.LrsStore.Filter("N-1", null, null, null,
                        "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", null, null, null, false), null, 10, true).statements()
                .stream().map(x -> x.get("id")).toList(), "by registration: the one with it is voided, its voider comes");
        // The Activities resource merges what every Statement said of an Activity: each language's name.
        for (String lang : List.of("ja", "en-US")) {
            lrs.store(json("{\"actor\":{\"mbox\":\"mailto:x@school.example\"},\"verb\":{\"id\":"
                    + "\"http://adlnet.gov/expapi/verbs/experienced\"},\"object\":{\"id\":\"https://drill.example/m\","
                    + "\"definition\":{\"name\":{\"" + lang + "\":\"" + lang + " name\"}}}}"), "N-1", "k", false);
        }
        assertEquals(java.util.Map.of("ja", "ja name", "en-US", "en-US name"), ((java.util.Map<?, ?>) lrs.definition("N-1",
                "https://drill.example/m", true).orElseThrow()).get("name"));
        // A time to come is taken (xAPI) but counted when stored; a single context Activity comes back in an array.
        java.util.Map<String, Object> ahead = json("""
                {"id":"22222222-3333-4444-8555-666666666666","actor":{"mbox":"mailto:sora@school.example"},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://drill.example/z"},
                 "context":{"contextActivities":{"parent":{"id":"https://drill.example/course"}}},
                 "timestamp":"2099-01-01T00:00:00Z"}""");
        lrs.store(ahead, "N-1", "k", false);
        java.util.Map<String, Object> read = lrs.statement("22222222-3333-4444-8555-666666666666", false, "N-1", true)
                .orElseThrow();
        assertEquals("2099-01-01T00:00:00Z", read.get("timestamp"));
        assertTrue(((java.util.Map<?, ?>) ((java.util.Map<?, ?>) read.get("context")).get("contextActivities"))
                .get("parent") instanceof List, read::toString);
        assertTrue(lrs.find(new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null,
                "https://drill.example/z", null, null, null), 10).get(0).get("timestamp").toString()
                .startsWith(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().substring(0, 4)),
                "counted when stored");
        // The default keeps no identifier at all: the actor is the pseudonym in what is stored.
        xapi.store(json(FULL.replace("0f1e2d3c", "0f1e2d3d")), "N-1", "k", false);
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.ResultSet r = c.createStatement()
                .executeQuery("SELECT body FROM env_xapi_statement WHERE id LIKE '0f1e2d3d%'")) {
            assertTrue(r.next());
            assertFalse(r.getString(1).contains("mei@"), r.getString(1));
            assertTrue(r.getString(1).contains("分数"), "the rest is kept whole");
        }
    }

    @Test
    void anotherSchoolsKeyNeitherVoidsAStatementNorFindsItByWhatItNames() {
        String target = xapi.store(statement("kai", "completed", "void/a", 0.5, "2025-06-03T10:00:00+09:00"), "N-1",
                "k", false).get(0);
        String voider = xapi.store(voiding(target), "N-2", "k", false).get(0);
        assertTrue(xapi.statement(target, false, "N-1", true).isPresent(), "N-2's key voided N-1's statement");
        LrsStore.Filter byActivity = new LrsStore.Filter("N-2", null, null, "https://drill.example/void/a", null, null,
                null, null, false);
        assertEquals(List.of(), xapi.page(byActivity, null, 10, true).statements(), "N-2's voider targets no N-1 one");
        // The same school's voiding Statement voids it, and comes when its target's activity is asked.
        String own = xapi.store(voiding(target), "N-1", "k", false).get(0);
        assertTrue(xapi.statement(target, false, "N-1", true).isEmpty());
        assertEquals(List.of(own), xapi.page(new LrsStore.Filter("N-1", null, null, "https://drill.example/void/a",
                null, null, null, null, false), null, 10, true).statements().stream().map(x -> x.get("id")).toList());
        // Paged by one either way, what refers to a Statement of the activity and what is of it come in stored order.
        String later = xapi.store(statement("kai", "completed", "void/a", 0.7, "2025-06-03T11:00:00+09:00"), "N-1", "k",
                false).get(0);
        String kai = xapi.pseudonym(java.util.Map.of("mbox", "mailto:kai@school.example"), "actor");
        for (boolean up : List.of(false, true)) {
            assertEquals(up ? List.of(own, later) : List.of(later, own), pagedIds(xapi, new LrsStore.Filter("N-1", null,
                    null, "https://drill.example/void/a", null, null, null, null, up), 1));
            // So with the learner's (read through their index, what refers to theirs apart), of the school and not.
            for (String school : java.util.Arrays.asList("N-1", null)) {
                assertEquals(up ? List.of(own, later) : List.of(later, own), pagedIds(xapi, new LrsStore.Filter(school,
                        kai, null, null, null, null, null, null, up), 1), "kai's at " + school);
            }
        }
        // Another school's key voiding that voiding Statement is not told it voids one: to it, it is not there.
        xapi.store(voiding(own), "N-2", "k", false);
        assertTrue(xapi.statement(own, false, "N-1", true).isPresent());
        assertTrue(xapi.statement(voider, false, "N-2", true).isPresent());
    }

    private static java.util.Map<String, Object> voiding(String target) {
        return json("{\"actor\":{\"mbox\":\"mailto:teacher@school.example\"},\"verb\":{\"id\":"
                + "\"http://adlnet.gov/expapi/verbs/voided\"},\"object\":{\"objectType\":\"StatementRef\",\"id\":\""
                + target + "\"}}");
    }

    @Test
    void theLrsKeepsAStatementsAttachmentsWithItAndErasesThemWithTheLearner() {
        byte[] note = "5年1組 分数のまとめ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha2 = org.gigaplan.environment.internal.lrs.XapiMultipart.sha2(64, note);
        java.util.Map<String, Object> s = json("""
                {"id":"33333333-4444-4555-8666-777777777777","actor":{"mbox":"mailto:mei@school.example"},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://drill.example/f"},
                 "attachments":[{"usageType":"http://example.com/usage/note","display":{"ja-JP":"ノート"},
                   "contentType":"text/plain; charset=utf-8","length":%d,"sha2":"%s"}]}""".formatted(note.length, sha2));
        var part = new org.gigaplan.environment.internal.store.LrsStore.Attachment(sha2, "text/plain; charset=utf-8",
                note);
        assertRefused("attachments[0].sha2", () -> xapi.store(s, "N-1", "k", false));
        var stray = new org.gigaplan.environment.internal.store.LrsStore.Attachment("ab".repeat(32), "text/plain",
                new byte[1]);
        assertRefused("X-Experience-API-Hash", () -> xapi.store(s, java.util.Map.of(sha2, part, stray.sha2(), stray),
                "N-1", "k", false, "1.0.3"));
        xapi.store(s, java.util.Map.of(sha2, part), "N-1", "k", false, "1.0.3");
        List<java.util.Map<String, Object>> kept = List.of(xapi.statement(s.get("id").toString(), false, "N-1", false)
                .orElseThrow());
        List<org.gigaplan.environment.internal.store.LrsStore.Attachment> back = xapi.attachments(kept);
        assertEquals(1, back.size());
        assertEquals(sha2, back.get(0).sha2());
        org.junit.jupiter.api.Assertions.assertArrayEquals(note, back.get(0).content());
        // A drill's saved progress (a State) and an Agent Profile naming her go with her; another learner's stay.
        var docs = new org.gigaplan.environment.internal.lrs.XapiDocuments(db, xapi);
        var state = org.gigaplan.environment.internal.lrs.XapiDocuments.Kind.STATE;
        var profile = org.gigaplan.environment.internal.lrs.XapiDocuments.Kind.AGENT_PROFILE;
        java.util.Map<String, Object> mei = java.util.Map.of("mbox", "mailto:mei@school.example");
        java.util.Map<String, Object> sora = java.util.Map.of("mbox", "mailto:sora@school.example");
        var meis = docs.set(state, "N-1", "https://drill.example/f", mei, null);
        var soras = docs.set(state, "N-1", "https://drill.example/f", sora, null);
        var meisProfile = docs.set(profile, "N-2", null, mei, null);
        for (var set : List.of(meis, soras, meisProfile)) {
            docs.put(set == meisProfile ? profile : state, set, "progress", "application/json", "{\"unit\":3}"
                    .getBytes(), null, "*", false);
        }
        var erased = xapi.erase(mei);
        assertEquals(new org.gigaplan.environment.internal.store.XapiStore.Erased(1, 2), erased);
        assertEquals(List.of(), xapi.attachments(kept), "erased with the learner's Statements");
        assertTrue(docs.get(meis, "progress").isEmpty(), "her State");
        assertTrue(docs.get(meisProfile, "progress").isEmpty(), "her Agent Profile, at another school too");
        assertTrue(docs.get(soras, "progress").isPresent(), "another learner's State");
    }

    @Test
    void theRelatedFiltersFindWhatAStatementNamesBesidesItsActorAndActivity() {
        xapi.store(json("""
                {"id":"44444444-5555-4666-8777-888888888888","actor":{"mbox":"mailto:mei@school.example"},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://drill.example/q1"},
                 "context":{"instructor":{"mbox":"mailto:sensei@school.example"},
                   "contextActivities":{"parent":{"id":"https://drill.example/course/math-5"}}}}"""), "N-1", "k", false);
        xapi.store(json("""
                {"id":"55555555-6666-4777-8888-999999999999","actor":{"mbox":"mailto:sora@school.example"},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"objectType":"SubStatement",
                   "actor":{"mbox":"mailto:kaito@school.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
                   "object":{"id":"https://drill.example/q2"}}}"""), "N-1", "k", false);
        java.util.function.BiFunction<org.gigaplan.environment.internal.store.LrsStore.Filter, Boolean, List<Object>> ids =
                (f, x) -> lrs(f).stream().map(st -> st.get("id")).toList();
        String sensei = xapi.pseudonym(java.util.Map.of("mbox", "mailto:sensei@school.example"), "agent");
        String kaito = xapi.pseudonym(java.util.Map.of("mbox", "mailto:kaito@school.example"), "agent");
        assertEquals(List.of(), ids.apply(filter(sensei, null, false, false), true), "the instructor is not the actor");
        assertEquals(List.of("44444444-5555-4666-8777-888888888888"), ids.apply(filter(sensei, null, false, true), true));
        assertEquals(List.of("55555555-6666-4777-8888-999999999999"), ids.apply(filter(kaito, null, false, true), true),
                "a SubStatement's actor");
        assertEquals(List.of(), ids.apply(filter(null, "https://drill.example/course/math-5", false, false), true));
        assertEquals(List.of("44444444-5555-4666-8777-888888888888"), ids.apply(filter(null,
                "https://drill.example/course/math-5", true, false), true), "a context Activity");
        assertEquals(List.of("55555555-6666-4777-8888-999999999999"), ids.apply(filter(null, "https://drill.example/q2",
                true, false), true), "a SubStatement's Activity");
        assertEquals(List.of("44444444-5555-4666-8777-888888888888"), ids.apply(filter(null, "https://drill.example/q1",
                true, true), true), "its own Activity still");
        xapi.erase(java.util.Map.of("mbox", "mailto:mei@school.example"));
        assertEquals(List.of(), ids.apply(filter(sensei, null, false, true), true), "erased with the learner's");
    }

    /** The ids of every Statement a filter finds, page after page of {@code size} by the cursors the LRS gives. */
    private static List<String> pagedIds(XapiService lrs, org.gigaplan.environment.internal.store.LrsStore.Filter f,
            int size) {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            XapiService.StatementPage page = lrs.page(f, cursor, size, true);
            assertTrue(page.statements().size() <= size);
            page.statements().forEach(x -> ids.add(String.valueOf(x.get("id"))));
            cursor = page.more();
        } while (cursor != null);
        return ids;
    }

    private static org.gigaplan.environment.internal.store.LrsStore.Filter filter(String learner, String activity,
            boolean relatedActivities, boolean relatedAgents) {
        return new org.gigaplan.environment.internal.store.LrsStore.Filter("N-1", learner, null, activity, null, null,
                null, null, false, relatedActivities, relatedAgents);
    }

    private List<java.util.Map<String, Object>> lrs(org.gigaplan.environment.internal.store.LrsStore.Filter f) {
        return xapi.page(f, null, 100, true).statements();
    }

    @Test
    void theLrsDocumentsMergeListAndGuardAgainstLostUpdates() {
        var docs = new org.gigaplan.environment.internal.lrs.XapiDocuments(db, xapi);
        var kind = org.gigaplan.environment.internal.lrs.XapiDocuments.Kind.class;
        var state = org.gigaplan.environment.internal.lrs.XapiDocuments.Kind.STATE;
        var profile = org.gigaplan.environment.internal.lrs.XapiDocuments.Kind.ACTIVITY_PROFILE;
        assertTrue(kind.isEnum());
        var mei = java.util.Map.of("mbox", "mailto:mei@school.example");
        var set = docs.set(state, "N-1", "https://drill.example/a", mei, "9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D");
        docs.put(state, set, "s1", "application/json", "{\"a\":1,\"b\":{\"x\":1}}".getBytes(), null, null, false);
        docs.post(set, "s1", "application/json", "{\"b\":{\"y\":2},\"c\":3}".getBytes(), null, null);
        assertEquals(json("{\"a\":1,\"b\":{\"y\":2},\"c\":3}"), json(new String(docs.get(set, "s1").orElseThrow()
                .content())), "merged one level deep");
        docs.put(state, set, "s2", "application/octet-stream", new byte[] { 0, 1, 2, (byte) 255 }, null, null, false);
        assertEquals(List.of("s1", "s2"), docs.ids(set, null));
        assertEquals(List.of(), docs.ids(set, Instant.now().plusSeconds(60)));
        assertTrue(java.util.Arrays.equals(new byte[] { 0, 1, 2, (byte) 255 }, docs.get(set, "s2").orElseThrow()
                .content()), "binary kept byte for byte");
        assertRefused("Content-Type", () -> docs.post(set, "s2", "application/json", "{}".getBytes(), null, null));
        var otherSchool = docs.set(state, "N-2", "https://drill.example/a", mei, "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
        assertTrue(docs.get(otherSchool, "s1").isEmpty(), "another school's documents are its own");
        // xAPI 2.0 guards a State as a profile: one that exists is not replaced without a concurrency header.
        assertThrows(org.gigaplan.plan.rest.ConflictException.class, () -> docs.put(state, set, "s1",
                "application/json", "{}".getBytes(), null, null, true));
        docs.put(state, set, "s9", "application/json", "{}".getBytes(), null, null, true);
        docs.deleteAll(set);
        assertEquals(List.of(), docs.ids(set, null));
        assertRefused("body", () -> docs.post(set, "s3", "application/json", "{\"a\":1}{".getBytes(), null, null));
        var p = docs.set(profile, "N-1", "https://drill.example/a", null, null);
        assertRefused("If-Match", () -> docs.put(profile, p, "settings", "application/json", "{}".getBytes(), null,
                null, false));
        docs.put(profile, p, "settings", "application/json", "{}".getBytes(), null, "*", false);
        String etag = docs.get(p, "settings").orElseThrow().etag();
        assertThrows(org.gigaplan.plan.rest.ConflictException.class,
                () -> docs.put(profile, p, "settings", "application/json", "{\"v\":2}".getBytes(), null, null, false));
        assertThrows(org.gigaplan.environment.internal.lrs.PreconditionFailed.class,
                () -> docs.put(profile, p, "settings", "application/json", "{\"v\":2}".getBytes(), "\"nope\"", null, false));
        docs.put(profile, p, "settings", "application/json", "{\"v\":2}".getBytes(), "\"" + etag + "\"", null, false);
        assertThrows(org.gigaplan.environment.internal.lrs.PreconditionFailed.class, () -> docs.delete(p, "settings", "\"" + etag + "\""));
        docs.delete(p, "settings", null);
        assertTrue(docs.get(p, "settings").isEmpty());
    }

    @Test
    void xapiStatementsArePseudonymisedAtTheDoorQueryableAndErasable() {
        List<Object> batch = List.of(statement("taro", "completed", "math/1", 0.8, "2025-06-02T10:00:00+09:00"),
                statement("taro", "answered", "math/2", 0.5, "2025-06-03T10:00:00+09:00"),
                statement("hanako", "completed", "math/1", 1.0, "2025-06-04T10:00:00+09:00"));
        assertEquals(3, xapi.store(batch, "N-1", "agent", false).size());
        var taro = java.util.Map.of("mbox", "mailto:taro@school.example");
        String pseudonym = xapi.pseudonym(taro, "agent");
        var all = xapi.find(new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null, null, null, null,
                null), 100);
        assertEquals(3, all.size());
        assertFalse(all.toString().contains("taro") || all.toString().contains("hanako"), "never the raw learner: " + all);
        var ofTaro = xapi.find(new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", pseudonym, null, null,
                null, null, null), 100);
        assertEquals(2, ofTaro.size());
        var completed = xapi.find(new org.gigaplan.environment.internal.store.XapiStore.Query(null, null,
                "http://adlnet.gov/expapi/verbs/completed", "https://drill.example/math/1",
                Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-06-03T00:00:00Z"), "5-1"), 100);
        assertEquals(1, completed.size(), "verb, activity, since, until and class together");
        // The pseudonym is stable; a statement posted again is not stored twice, one with its id and other content
        // is refused (xAPI: 409 Conflict).
        assertEquals(pseudonym, xapi.pseudonym(taro, "agent"));
        java.util.Map<String, Object> again = new java.util.HashMap<>(statement("saburo", "completed", "math/3", 0.6,
                "2025-06-05T10:00:00+09:00"));
        again.put("id", "5b7c8a90-1d2e-4f30-9a4b-5c6d7e8f9012");
        xapi.store(again, "N-2", "agent", false);
        xapi.store(List.of(again), "N-2", "agent", false);
        assertEquals(1, xapi.find(new org.gigaplan.environment.internal.store.XapiStore.Query("N-2", null, null, null,
                null, null, null), 100).size());
        again.put("result", java.util.Map.of("score", java.util.Map.of("scaled", 0.9)));
        assertThrows(org.gigaplan.plan.rest.ConflictException.class, () -> xapi.store(again, "N-2", "agent", false));
        // Another school's key sending that id, with the same content or other, is refused: it would not find it.
        for (java.util.Map<String, Object> same : List.of(statement("saburo", "completed", "math/3", 0.6,
                "2025-06-05T10:00:00+09:00"), statement("saburo", "completed", "math/9", 0.6,
                        "2025-06-05T10:00:00+09:00"))) {
            java.util.Map<String, Object> sent = new java.util.HashMap<>(same);
            sent.put("id", "5b7c8a90-1d2e-4f30-9a4b-5c6d7e8f9012");
            assertThrows(org.gigaplan.plan.rest.ConflictException.class, () -> xapi.store(sent, "N-1", "agent", false));
        }
        assertTrue(xapi.statement("5b7c8a90-1d2e-4f30-9a4b-5c6d7e8f9012", false, "N-1", true).isEmpty());
        // Under five learners the board sees no figures.
        assertTrue(xapi.summary("N-1", Instant.EPOCH, Instant.now(), true).get(0).suppressed());
        assertEquals(3L, xapi.summary("N-1", Instant.EPOCH, Instant.now(), false).get(0).statements());
        assertRefused("[1].verb.id", () -> xapi.store(List.of(statement("jiro", "completed", "x", 0.1,
                "2025-06-02T10:00:00+09:00"), java.util.Map.of("actor", taro, "verb", java.util.Map.of("id", "not an iri"),
                "object", java.util.Map.of("id", "https://drill.example/x"))), "N-1", "a", false));
        assertRefused("actor", () -> xapi.store(java.util.Map.of("actor", java.util.Map.of("name", "Taro"), "verb",
                java.util.Map.of("id", "http://adlnet.gov/expapi/verbs/completed"), "object",
                java.util.Map.of("id", "https://drill.example/x")), "N-1", "a", false));
        // Properties xAPI does not have, a raw score above its max, a time before the handled years, a school
        // that does not exist: refused, naming the field.
        java.util.Map<String, Object> extra = new java.util.HashMap<>(statement("jiro", "completed", "x", 0.1,
                "2025-06-02T10:00:00+09:00"));
        extra.put("grade", 5);
        assertRefused("grade", () -> xapi.store(extra, "N-1", "a", false));
        java.util.Map<String, Object> over = new java.util.HashMap<>(statement("jiro", "completed", "x", 0.1,
                "2025-06-02T10:00:00+09:00"));
        over.put("result", java.util.Map.of("score", java.util.Map.of("raw", 120, "min", 0, "max", 100)));
        assertRefused("result.score.raw", () -> xapi.store(over, "N-1", "a", false));
        assertRefused("timestamp", () -> xapi.store(statement("jiro", "completed", "x", 0.1,
                "1900-01-01T00:00:00+09:00"), "N-1", "a", false));
        assertRefused("schoolId", () -> xapi.store(statement("jiro", "completed", "x", 0.1,
                "2025-06-02T10:00:00+09:00"), "NO-SUCH-SCHOOL", "a", false));
        // The class's teacher sees its activity per week and activity: math/1 by two learners, math/2 by one.
        var activity = xapi.classActivity("N-1", "5-1", Instant.parse("2025-05-01T00:00:00Z"), Instant.now());
        assertEquals(2, activity.size(), () -> "activity: " + activity);
        assertEquals(java.time.LocalDate.of(2025, 6, 2), activity.get(0).week());
        assertEquals("https://drill.example/math/1 2 2 0.9", activity.get(0).activity() + " " + activity.get(0).statements()
                + " " + activity.get(0).learners() + " " + activity.get(0).meanScore());
        // What is kept per learner and fiscal year gives the summaries the statements give.
        FiscalYear fy2025 = FiscalYear.of(2025);
        Instant start = fy2025.start().atStartOfDay(CLOCK.zone()).toInstant();
        Instant end = fy2025.end().plusDays(1).atStartOfDay(CLOCK.zone()).toInstant();
        assertEquals(counted("N-1", start, end), xapi.summary("N-1", fy2025, false));
        assertEquals(counted(null, Instant.EPOCH, Instant.now()), xapi.summary(null, null, false));
        assertEquals(3L, xapi.summary("N-1", fy2025, false).get(0).statements());
        assertEquals(2, xapi.summary("N-1", fy2025, false).get(0).learners());
        assertTrue(xapi.summary("N-1", FiscalYear.of(2024), false).isEmpty());
        // A start on statements stored before anything was kept per learner (an upgrade) counts it from them.
        storedByAnEarlierVersion(false);
        assertTrue(xapi.summary("N-1", fy2025, false).isEmpty());
        xapi = new XapiService(db, network, roster);
        assertEquals(counted("N-1", start, end), xapi.summary("N-1", fy2025, false));
        assertEquals(2, xapi.erase(taro).statements());
        assertEquals(counted("N-1", start, end), xapi.summary("N-1", fy2025, false));
        assertEquals(1, xapi.summary("N-1", fy2025, false).get(0).learners(), "taro is gone from what is kept too");
        assertEquals(1, xapi.find(new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null, null,
                null, null, null), 100).size());
    }

    @Test
    void aSummaryOfAnyPeriodFromWhatIsKeptEqualsOneCountedFromEveryStatement() throws Exception {
        // Across two fiscal years, on a midnight, with a statement with no score and demo statements.
        xapi.store(List.of(statement("taro", "completed", "m/1", 0.8, "2025-03-31T23:30:00+09:00"),
                statement("taro", "completed", "m/2", 0.4, "2025-04-01T00:00:00+09:00"),
                statement("hanako", "completed", "m/1", 1.0, "2025-04-01T10:00:00+09:00"),
                java.util.Map.of("actor", java.util.Map.of("mbox", "mailto:jiro@school.example"),
                        "verb", java.util.Map.of("id", "http://adlnet.gov/expapi/verbs/experienced"),
                        "object", java.util.Map.of("id", "https://drill.example/m/3"),
                        "timestamp", "2025-04-02T09:15:00+09:00"),
                statement("hanako", "answered", "m/4", 0.25, "2025-06-02T10:00:00+09:00")), "N-1", "agent", false);
        xapi.store(List.of(statement("saburo", "completed", "m/1", 0.5, "2025-04-02T11:00:00+09:00"),
                statement("taro", "completed", "m/1", 0.7, "2025-06-03T08:00:00+09:00")), "N-2", "agent", true);
        List<Instant[]> periods = List.of(
                new Instant[] { Instant.EPOCH, Instant.now() },
                new Instant[] { FiscalYear.of(2025).startIn(CLOCK.zone()), FiscalYear.of(2025).endIn(CLOCK.zone()) },
                new Instant[] { Instant.parse("2025-03-31T14:30:00Z"), Instant.parse("2025-06-02T01:00:00Z") },
                new Instant[] { Instant.parse("2025-03-31T14:59:59Z"), Instant.parse("2025-04-01T01:00:00Z") },
                new Instant[] { Instant.parse("2025-03-30T15:00:00Z"), Instant.parse("2025-03-31T15:00:00Z") },
                new Instant[] { Instant.parse("2025-04-01T02:00:00Z"), Instant.parse("2025-06-03T00:00:00Z") },
                new Instant[] { Instant.parse("2025-04-02T00:15:00Z"), Instant.parse("2025-04-02T02:00:00Z") },
                // Most of a year (its learners without a day in it are the ones asked for), with and without edges.
                new Instant[] { Instant.parse("2025-04-02T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z") },
                new Instant[] { Instant.parse("2025-04-01T15:00:00Z"), Instant.parse("2026-02-28T15:00:00Z") });
        Runnable same = () -> {
            learnersKeptAreTheStatements();
            for (Instant[] p : periods) {
                for (String school : java.util.Arrays.asList(null, "N-1", "N-2")) {
                    assertEquals(counted(school, p[0], p[1]), xapi.summary(school, p[0], p[1], false),
                            () -> "school " + school + ", (" + p[0] + ", " + p[1] + "]");
                }
            }
            for (FiscalYear fy : List.of(FiscalYear.of(2024), FiscalYear.of(2025))) {
                // A microsecond before each end: PostgreSQL keeps microseconds.
                Instant start = fy.startIn(CLOCK.zone()).minusNanos(1_000);
                Instant end = fy.endIn(CLOCK.zone()).minusNanos(1_000);
                for (String school : java.util.Arrays.asList(null, "N-1", "N-2")) {
                    assertEquals(counted(school, start, end), xapi.summary(school, fy, false), () -> school + " " + fy);
                }
            }
            for (String school : java.util.Arrays.asList(null, "N-1", "N-2")) {
                assertEquals(counted(school, Instant.EPOCH, Instant.now()), xapi.summary(school, null, false),
                        () -> school + ", every year");
            }
        };
        same.run();
        // Most of a year: hanako (2 June) counts, and jiro, on its first day (a partial one) only; taro does not.
        assertEquals(2, xapi.summary("N-1", periods.get(7)[0], periods.get(7)[1], false).get(0).learners());
        // (since, until]: taro's statement at the very instant the year starts is not in it; hanako and jiro are.
        assertEquals(2, xapi.summary("N-1", periods.get(1)[0], periods.get(1)[1], false).get(0).learners());
        assertEquals(3, xapi.summary("N-1", periods.get(1)[0].minusNanos(1), periods.get(1)[1], false).get(0)
                .learners());
        // Erasing a learner takes their statements out of what is kept too.
        xapi.erase(java.util.Map.of("mbox", "mailto:taro@school.example"));
        same.run();
        // A start that finds statements an earlier version stored counts them into what is kept: the version before
        // (no learners per day and week), the one before it (no school weeks), one that kept the sums per learner and
        // year only, and one that kept nothing beside the statements.
        storedByTheVersionBefore();
        xapi = new XapiService(db, network, roster);
        same.run();
        storedByTheVersionBefore();
        db.transaction(c -> {
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_statement SET kept = 1");
            return org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_week");
        });
        xapi = new XapiService(db, network, roster);
        same.run();
        // Nodes of the version before store meanwhile (they number no learner and keep no day's learners): a batch on
        // a node of this version numbers its own learners, and the next start numbers and counts the rest.
        storedByTheVersionBefore();
        xapi.store(List.of(statement("hanako", "completed", "m/9", 0.5, "2025-09-01T10:00:00+09:00"),
                statement("jiro", "completed", "m/9", 0.5, "2025-09-01T10:00:00+09:00")), "N-1", "agent", false);
        assertEquals(List.of(0, 1), db.transaction(c -> org.gigaplan.plan.service.Jdbc.list(c, "SELECT number FROM "
                + "env_xapi_school_learner WHERE number IS NOT NULL ORDER BY number", r -> r.getInt(1))));
        xapi = new XapiService(db, network, roster);
        same.run();
        storedByAnEarlierVersion(true);
        xapi = new XapiService(db, network, roster);
        same.run();
        storedByAnEarlierVersion(false);
        xapi = new XapiService(db, network, roster);
        same.run();
        // The first start of the version that keeps who learned at each school: counted from the learner-years.
        db.transaction(c -> {
            org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_learners");
            return org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_learner");
        });
        xapi = new XapiService(db, network, roster);
        same.run();
        // Batches from several nodes add days to one learner's year at once: none is lost.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> posts = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                posts.add(pool.submit(() -> {
                    for (int day = 0; day < 6; day++) {
                        // One learner on every thread, and each thread's own, new to the school: numbered at once.
                        xapi.store(List.of(statement("kai", "completed", "m/" + thread, 0.5, java.time.LocalDate
                                .of(2025, 7, 1 + thread * 6 + day) + "T10:00:00+09:00"),
                                statement("new" + thread + "x" + day, "completed", "m/" + thread, 0.5, java.time
                                        .LocalDate.of(2025, 7, 1 + day) + "T11:00:00+09:00")), "N-1", "agent", false);
                    }
                    return null;
                }));
            }
            for (var post : posts) {
                post.get();
            }
        } finally {
            pool.shutdown();
        }
        same.run();
        for (int day = 1; day <= 24; day++) {
            Instant noon = java.time.LocalDate.of(2025, 7, day).atTime(12, 0).atZone(CLOCK.zone()).toInstant();
            assertEquals(counted("N-1", noon.minus(java.time.Duration.ofDays(1)), noon),
                    xapi.summary("N-1", noon.minus(java.time.Duration.ofDays(1)), noon, false), "1 July + " + day);
            assertEquals(counted("N-1", noon.minus(java.time.Duration.ofDays(2)), noon.plus(java.time.Duration.ofDays(1))),
                    xapi.summary("N-1", noon.minus(java.time.Duration.ofDays(2)), noon.plus(java.time.Duration.ofDays(1)),
                            false), "1 July + " + day);
        }
    }

    @Test
    void aPeriodCountsALearnerOfItsEdgeDaysOnlyForStatementsInItsHours() {
        // (1 April 11:00, 31 May 12:00]: its whole days are 2 April to 30 May; its first and last days are partial.
        Instant since = Instant.parse("2025-04-01T02:00:00Z");
        Instant until = Instant.parse("2025-05-31T03:00:00Z");
        xapi.store(List.of(statement("hanako", "completed", "m/1", 0.5, "2025-04-01T10:00:00+09:00"),
                statement("hanako", "completed", "m/1", 0.5, "2025-06-02T10:00:00+09:00"),
                statement("goro", "completed", "m/1", 0.5, "2025-04-01T12:00:00+09:00"),
                statement("jiro", "completed", "m/1", 0.5, "2025-04-02T09:15:00+09:00"),
                statement("ken", "completed", "m/1", 0.5, "2025-05-31T11:00:00+09:00"),
                statement("ken", "completed", "m/1", 0.5, "2025-05-31T13:00:00+09:00"),
                statement("mari", "completed", "m/1", 0.5, "2025-05-31T13:00:00+09:00"),
                statement("saburo", "completed", "m/1", 0.5, "2025-04-01T12:00:00+09:00"),
                statement("saburo", "completed", "m/1", 0.5, "2025-05-01T12:00:00+09:00")), "N-1", "agent", false);
        xapi.store(List.of(statement("mari", "completed", "m/1", 0.5, "2025-04-01T10:30:00+09:00")), "N-2", "agent",
                false);
        // Hanako and mari learned on those days outside its hours only: goro, jiro, ken and saburo count, once each.
        assertEquals(4, xapi.summary("N-1", since, until, false).get(0).learners());
        // At the very instant it starts (not in it), a millisecond after (in it); at the very instant it ends (in it),
        // a millisecond after (not): told from each learner's first and last time of the day, to the millisecond.
        xapi.store(List.of(statement("nao", "completed", "m/1", 0.5, "2025-04-01T11:00:00+09:00"),
                statement("rin", "completed", "m/1", 0.5, "2025-04-01T11:00:00.001+09:00"),
                statement("umi", "completed", "m/1", 0.5, "2025-05-31T12:00:00+09:00"),
                statement("sora", "completed", "m/1", 0.5, "2025-05-31T12:00:00.001+09:00")), "N-1", "agent", false);
        assertEquals(6, xapi.summary("N-1", since, until, false).get(0).learners());
        assertEquals(counted("N-1", since, until), xapi.summary("N-1", since, until, false));
        assertEquals(counted("N-1", since.plusMillis(1), until.minusMillis(1)), xapi.summary("N-1", since.plusMillis(1),
                until.minusMillis(1), false));
        assertEquals(counted("N-1", since.minusNanos(1_000), until.plusNanos(1_000)), xapi.summary("N-1",
                since.minusNanos(1_000), until.plusNanos(1_000), false));
        assertEquals(counted(null, since, until), xapi.summary(null, since, until, false));
        assertTrue(xapi.summary("N-2", since, until, false).isEmpty());
    }

    @Test
    void aDayOfMoreLearnersThanTheirTimesAreKeptOfIsStoredAndCountedByName() {
        // A school day keeps the first and last time of at most 4,084 learners (Derby's longest binary column); a
        // larger day keeps their numbers only. 10 June: 4,000 learners (times kept), then 100 more (not any more); 12
        // June: 4,100 in one batch. Each learner has statements at 9:xx and 14:xx.
        java.util.function.BiConsumer<String, int[]> day = (date, range) -> {
            for (String hour : List.of("09", "14")) {
                List<java.util.Map<String, Object>> batch = new java.util.ArrayList<>();
                for (int i = range[0]; i < range[1]; i++) {
                    batch.add(statement("p" + i, "completed", "m/1", 0.5, date + "T" + hour + ":"
                            + String.format(java.util.Locale.ROOT, "%02d", i % 60) + ":00+09:00"));
                }
                xapi.store(batch, "N-1", "agent", false);
            }
        };
        day.accept("2025-06-10", new int[] { 0, 4_000 });
        day.accept("2025-06-10", new int[] { 4_000, 4_100 });
        day.accept("2025-06-12", new int[] { 5_000, 9_100 });
        xapi.store(List.of(statement("p0", "completed", "m/1", 0.5, "2025-06-11T10:00:00+09:00"),
                statement("ema", "completed", "m/1", 0.5, "2025-06-11T10:00:00+09:00")), "N-1", "agent", false);
        // Periods starting at noon on the 10th (4,100 at 14:xx), ending at noon on the 12th (4,100 at 9:xx), both.
        Instant noon10 = Instant.parse("2025-06-10T03:00:00Z");
        Instant noon12 = Instant.parse("2025-06-12T03:00:00Z");
        for (Instant[] period : List.of(new Instant[] { noon10, Instant.parse("2025-06-20T00:00:00Z") },
                new Instant[] { Instant.parse("2025-06-01T00:00:00Z"), noon12 }, new Instant[] { noon10, noon12 })) {
            assertEquals(counted("N-1", period[0], period[1]), xapi.summary("N-1", period[0], period[1], false));
            assertEquals(counted(null, period[0], period[1]), xapi.summary(null, period[0], period[1], false));
        }
        assertEquals(8_201, xapi.summary("N-1", noon10, noon12, false).get(0).learners());
        learnersKeptAreTheStatements();
    }

    @Test
    void aSchoolPastTheNumbersASetHoldsStoresItsLearnersAndCountsThemFromItsStatements() {
        // A set of a school's learners is a bit per number in at most 32,672 bytes: 261,376 numbers. A school that has
        // given all but six of them (as after that many learners, or a client sending a new actor every session):
        // six more learners get one, the rest none, and their batches are stored all the same.
        xapi.store(List.of(statement("first", "completed", "m/1", 0.5, "2025-06-09T10:00:00+09:00")), "N-1", "agent",
                false);
        db.transaction(c -> org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_school_learners SET numbered = ? "
                + "WHERE school_id = ?", 32_672 * 8 - 6, "N-1"));
        List<java.util.Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(statement("q" + i, "completed", "m/1", 0.5, "2025-06-10T1" + i + ":00:00+09:00"));
        }
        xapi.store(batch, "N-1", "agent", false);
        xapi.store(List.of(statement("q1", "completed", "m/1", 0.5, "2025-06-12T10:00:00+09:00"),
                statement("q9", "completed", "m/1", 0.5, "2025-06-12T10:00:00+09:00"),
                statement("late", "completed", "m/1", 0.5, "2025-06-12T11:00:00+09:00")), "N-1", "agent", false);
        xapi.store(List.of(statement("other", "completed", "m/1", 0.5, "2025-06-10T10:00:00+09:00")), "N-2", "agent",
                false);
        Instant june = Instant.parse("2025-06-01T00:00:00Z");
        Instant july = Instant.parse("2025-07-01T00:00:00Z");
        Instant tenThirty = Instant.parse("2025-06-10T06:30:00Z");
        for (Instant[] period : List.of(new Instant[] { june, july }, new Instant[] { tenThirty, july },
                new Instant[] { june, tenThirty })) {
            assertEquals(counted("N-1", period[0], period[1]), xapi.summary("N-1", period[0], period[1], false));
            assertEquals(counted(null, period[0], period[1]), xapi.summary(null, period[0], period[1], false));
        }
        assertEquals(12, xapi.summary("N-1", june, july, false).get(0).learners());
        assertEquals(counted(null, Instant.EPOCH, Instant.now()), xapi.summary(null, null, false));
    }

    /** Makes the statements look stored by the version before, which kept no learners per school day and week. */
    void storedByTheVersionBefore() {
        db.transaction(c -> {
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_statement SET kept = 2");
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_school_day SET learners = NULL");
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_school_week SET learners = NULL");
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_school_learner SET number = NULL");
            return org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_school_learners SET numbered = 0");
        });
    }

    /** Makes the statements look stored by a version that kept only the sums per learner and year, or nothing. */
    void storedByAnEarlierVersion(boolean sumsKept) {
        db.transaction(c -> {
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_statement SET kept = 0");
            if (!sumsKept) {
                org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_learner_year");
            }
            org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_year");
            org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_learners");
            org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_learner");
            org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_week");
            return org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_xapi_school_day");
        });
    }

    /**
     * Each school day's and week's learners as kept (by number) are those of its statements (by name), and no school
     * gave a number twice.
     */
    void learnersKeptAreTheStatements() {
        db.transaction(c -> {
            java.util.Map<String, String> names = new java.util.HashMap<>();
            for (Object[] row : org.gigaplan.plan.service.Jdbc.list(c, "SELECT school_id, number, learner FROM "
                    + "env_xapi_school_learner", r -> new Object[] { r.getString(1), r.getInt(2), r.getString(3) })) {
                assertEquals(null, names.put(row[0] + "#" + row[1], (String) row[2]), "number given twice: " + row[0]
                        + " " + row[1]);
            }
            java.util.Map<String, java.util.Set<String>> counted = new java.util.TreeMap<>();
            for (String[] row : org.gigaplan.plan.service.Jdbc.list(c, "SELECT school_id, learner, occurred_at FROM "
                    + "env_xapi_statement", r -> new String[] { r.getString(1), r.getString(2), r.getTimestamp(3)
                            .toInstant().atZone(CLOCK.zone()).toLocalDate().toString() })) {
                java.time.LocalDate day = java.time.LocalDate.parse(row[2]);
                java.time.LocalDate monday = day.with(java.time.temporal.TemporalAdjusters.previousOrSame(
                        java.time.DayOfWeek.MONDAY));
                counted.computeIfAbsent(row[0] + " day " + day, k -> new java.util.TreeSet<>()).add(row[1]);
                counted.computeIfAbsent(row[0] + " week " + monday, k -> new java.util.TreeSet<>()).add(row[1]);
            }
            java.util.Map<String, java.util.Set<String>> kept = new java.util.TreeMap<>();
            for (String table : List.of("day", "week")) {
                for (Object[] row : org.gigaplan.plan.service.Jdbc.list(c, "SELECT school_id, " + table + ", learners "
                        + "FROM env_xapi_school_" + table, r -> new Object[] { r.getString(1), r.getDate(2)
                                .toLocalDate(), r.getBytes(3) })) {
                    java.util.Set<String> learners = new java.util.TreeSet<>();
                    java.util.BitSet bits = row[2] == null ? new java.util.BitSet()
                            : java.util.BitSet.valueOf((byte[]) row[2]);
                    bits.stream().forEach(n -> learners.add(names.get(row[0] + "#" + n)));
                    kept.put(row[0] + " " + table + " " + row[1], learners);
                }
            }
            assertEquals(counted, kept);
            return null;
        });
    }

    /** A period's summary counted from every statement: what the kept one must equal. */
    List<XapiService.Summary> counted(String schoolId, Instant since, Instant until) {
        return db.transaction(c -> org.gigaplan.plan.service.Jdbc.list(c, "SELECT school_id, COUNT(DISTINCT learner), "
                + "COUNT(*), AVG(score_scaled), MAX(demo) FROM env_xapi_statement WHERE occurred_at > ? AND "
                + "occurred_at <= ?" + (schoolId == null ? "" : " AND school_id = ?")
                + " GROUP BY school_id ORDER BY school_id", r -> {
                    Double mean = org.gigaplan.plan.service.Jdbc.nullableDouble(r, 4);
                    return new XapiService.Summary(r.getString(1), r.getInt(2), false, r.getLong(3),
                            mean == null ? null : Math.round(mean * 1000) / 1000.0, r.getInt(5) > 0);
                }, schoolId == null ? List.of(since, until) : List.of(since, until, schoolId)));
    }

    static Measurement m(String school, OffsetDateTime at, double mbps) {
        return new Measurement(school, at, mbps, mbps / 2, 12.0, 0.1, "CENTRE_LINK", true, 200);
    }

    NetworkService.BatchResult post(String school, int step, double mbps) {
        return network.record(List.of(m(school, T0.plusDays(40L * step), mbps)), null, "agent", false);
    }

    SchoolStatus status(String school) {
        return network.statuses(school).get(0);
    }

    @Test
    void theRecommendedBandwidthIsTheTablesValueOrInterpolatedBetweenRows() {
        RecommendedBandwidth t = network.table();
        assertEquals(new RecommendedBandwidth.Recommendation(420, 466.5, true, t.forEnrollment(420).basis()),
                t.forEnrollment(420));
        assertEquals(525.0, t.forEnrollment(560).mbps());
        assertFalse(t.forEnrollment(560).interpolated());
        assertEquals(108.0, t.forEnrollment(30).mbps(), "below the first row: the first row");
        assertEquals(834.0, t.forEnrollment(2000).mbps(), "above the last row: the last row");
        assertEquals(8, t.rows().size());
    }

    @Test
    void aSchoolsStatusIsTheMedianOfItsClassHourTestsInTheWindow() {
        // N-2 (560 students) needs 525 Mbps: tests of 500, 600, 540 in one window → median 540, meets; a test out of
        // class hours does not count.
        network.record(List.of(m("N-2", T0, 500), m("N-2", T0.plusDays(1), 600), m("N-2", T0.plusDays(2), 540),
                new Measurement("N-2", T0.plusDays(3), 10.0, null, null, null, "ACCESS_POINT", false, null)), null, "a", false);
        SchoolStatus s = status("N-2");
        assertEquals(540.0, s.medianMbps());
        assertEquals(3, s.tests());
        assertEquals(SchoolStatus.State.MEETS, s.state());
        assertEquals(SchoolStatus.State.NO_DATA, status("N-1").state());
    }

    /** Ookla's `speedtest -f json` output as the CLI writes it: bandwidth in bytes per second. */
    static final String OOKLA = """
            {"type":"result","timestamp":"2026-06-02T01:30:00Z",
             "ping":{"jitter":0.8,"latency":7.9,"low":7.1,"high":9.0},
             "download":{"bandwidth":59375000,"bytes":712500000,"elapsed":12000,"latency":{"iqm":20.1}},
             "upload":{"bandwidth":12500000,"bytes":150000000,"elapsed":12000},
             "packetLoss":0.5,"isp":"Example ISP","interface":{"internalIp":"10.0.0.5","name":"eth0","isVpn":false},
             "server":{"id":12345,"name":"Sendai","location":"Sendai","country":"Japan"},
             "result":{"id":"abc","url":"https://www.speedtest.net/result/c/abc","persisted":true}}
            """;

    /** librespeed-cli's `--json` output: an array, one result per server, speeds in Mbps. */
    static final String LIBRESPEED = """
            [{"timestamp":"2026-06-02T20:15:00.123456+09:00","server":{"name":"Sendai","url":"https://speed.example.jp/"},
              "client":{"ip":"203.0.113.5","hostname":"","city":"","region":"","country":"JP","loc":"","org":"",
              "postal":"","timezone":""},"bytes_sent":31457280,"bytes_received":125829120,"ping":9.5,"jitter":1.2,
              "upload":88.4,"download":352.6,"share":""}]
            """;

    /** Speedtest Tracker's webhook up to 1.x: speeds in bits per second, no event, no time. */
    static final String TRACKER_1X = """
            {"result_id":42,"site_name":"Speedtest Tracker","server_name":"Sendai","server_id":12345,
             "isp":"Example ISP","ping":8.25,"download":412500000,"upload":98000000,"packet_loss":0,
             "speedtest_url":"https://www.speedtest.net/result/c/abc","url":"http://tracker.local/admin/results"}
            """;

    /** Its later webhook: the event named, speeds in whole Mbit/s. */
    static final String TRACKER_EVENT = """
            {"event":"speedtest_completed","result_id":43,"site_name":"Speedtest Tracker","server_name":"Sendai",
             "server_id":12345,"status":"completed","isp":"Example ISP","ping":9,"download":398,"upload":97,
             "packet_loss":null,"speedtest_url":null,"url":"http://tracker.local/admin/results"}
            """;

    @Test
    void stockAgentsOutputIsReadAsItIsWithTheRightMbpsAndClassHoursFromTheSchoolDay() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Measurement> ookla = network.agentOutput(json.readValue(OOKLA, Object.class), null, null, "N-1");
        assertEquals(1, ookla.size());
        assertEquals(475.0, ookla.get(0).downloadMbps(), "59,375,000 bytes/s × 8 = 475 Mbps");
        assertEquals(100.0, ookla.get(0).uploadMbps());
        assertEquals(7.9, ookla.get(0).latencyMs());
        assertEquals(0.5, ookla.get(0).lossPercent());
        assertEquals("UPSTREAM", ookla.get(0).point());
        assertEquals(null, ookla.get(0).classHours(), "the agent does not say: the school day decides");
        List<Measurement> libre = network.agentOutput(json.readValue(LIBRESPEED, Object.class), "librespeed",
                "school_lan", "N-1");
        assertEquals(352.6, libre.get(0).downloadMbps());
        assertEquals(88.4, libre.get(0).uploadMbps());
        assertEquals("SCHOOL_LAN", libre.get(0).point());
        OffsetDateTime received = OffsetDateTime.parse("2026-06-03T02:00:00Z");
        Measurement tracker = AgentResults.read(json.readValue(TRACKER_1X, Object.class), null, null, received).get(0);
        assertEquals(412.5, tracker.downloadMbps(), "412,500,000 bits/s = 412.5 Mbps");
        assertEquals(98.0, tracker.uploadMbps());
        assertEquals(8.25, tracker.latencyMs());
        assertEquals(0.0, tracker.lossPercent());
        assertEquals(received, tracker.measuredAt(), "no time in the webhook: when it arrived");
        Measurement later = AgentResults.read(json.readValue(TRACKER_EVENT, Object.class), "tracker", null, received)
                .get(0);
        assertEquals(398.0, later.downloadMbps(), "named event: already Mbit/s");
        assertEquals(97.0, later.uploadMbps());
        assertEquals(null, later.lossPercent());
        assertEquals(List.of(), AgentResults.read(java.util.Map.of("event", "speedtest_started", "result_id", 44,
                "download", 0), null, null, received), "a test starting is not a result");
        // Tuesday 10:30 in Tokyo is in the school day; 20:15 is not; a Saturday morning is not; nor is a Tuesday
        // morning that is a public holiday (国民の休日 2026-09-22), nor a substitute holiday (2026-05-06).
        assertTrue(network.inClassHours(ookla.get(0).measuredAt()));
        assertFalse(network.inClassHours(libre.get(0).measuredAt()));
        assertFalse(network.inClassHours(OffsetDateTime.parse("2026-06-06T10:00:00+09:00")));
        assertFalse(network.inClassHours(OffsetDateTime.parse("2026-09-22T10:00:00+09:00")));
        assertFalse(network.inClassHours(OffsetDateTime.parse("2026-05-06T10:00:00+09:00")));
        assertTrue(network.inClassHours(OffsetDateTime.parse("2026-09-24T10:00:00+09:00")));
        // Stored without saying: the 10:30 test counts as a class-hour test, the 20:15 one does not; a measurement
        // posted by hand that does not say is judged the same way, never assumed to be in class hours.
        Measurement byHand = new Measurement("N-1", OffsetDateTime.parse("2026-06-02T22:00:00+09:00"), 800.0, null,
                null, null, "SCHOOL_LAN", null, null);
        assertEquals(3, network.record(List.of(ookla.get(0), libre.get(0), byHand), "N-1", "agent", false)
                .measurements());
        List<StoredMeasurement> stored = network.measurements("N-1", java.time.Instant.parse("2026-06-01T00:00:00Z"),
                java.time.Instant.parse("2026-06-03T00:00:00Z"));
        assertEquals(List.of(800.0, 475.0, 352.6), stored.stream().map(StoredMeasurement::downloadMbps).sorted(
                java.util.Comparator.reverseOrder()).toList());
        assertEquals(List.of(475.0), stored.stream().filter(StoredMeasurement::classHours)
                .map(StoredMeasurement::downloadMbps).toList(), "only the 10:30 test");
        // Anything else is refused, naming what is wrong.
        assertRefusedInJapanese("body", () -> AgentResults.read(java.util.Map.of("hello", 1), null, null, received));
        assertRefusedInJapanese("format", () -> AgentResults.read(List.of(), "fast", null, received));
        assertRefused("download.bandwidth", () -> AgentResults.read(java.util.Map.of("type", "result",
                "download", java.util.Map.of("bytes", 1)), null, null, received));
        assertRefusedInJapanese("download",
                () -> AgentResults.read(java.util.Map.of("result_id", 5, "download", "fast"), null, null, received));
    }

    @Test
    void aSchoolsWebhookOpensWithItsSecretUntilRevoked() {
        Webhooks hooks = new Webhooks(TestDatabase.on(dataSource()), network, schools);
        Webhooks.Created made = hooks.create("N-1", "職員室の Speedtest Tracker", "school:N-1");
        assertTrue(made.secret().startsWith("gph_") && made.secret().length() > 40, made.secret());
        assertEquals("N-1", made.webhook().schoolId());
        assertEquals(null, made.webhook().lastUsedAt());
        Webhook opened = hooks.open(made.secret()).orElseThrow();
        assertEquals(made.webhook().id(), opened.id());
        assertTrue(hooks.find(opened.id()).orElseThrow().lastUsedAt() != null, "the board sees it is used");
        assertTrue(hooks.open(made.secret() + "x").isEmpty());
        assertTrue(hooks.open("gpk_1_" + made.secret()).isEmpty());
        assertTrue(hooks.open(null).isEmpty());
        Webhooks.Created other = hooks.create("N-2", null, "board");
        assertEquals(List.of(made.webhook().id()), hooks.list("N-1").stream().map(Webhook::id).toList());
        assertEquals(2, hooks.list(null).size());
        Webhook revoked = hooks.revoke(made.webhook().id(), "school:N-1");
        assertTrue(revoked.revoked());
        assertEquals("school:N-1", revoked.revokedBy());
        assertTrue(hooks.open(made.secret()).isEmpty(), "revoked: the URL no longer posts");
        assertEquals(revoked.revokedAt(), hooks.revoke(made.webhook().id(), "board").revokedAt(), "revoked once");
        assertTrue(hooks.open(other.secret()).isPresent(), "another school's hook still works");
        assertRefused("schoolId", () -> hooks.create("Z-9", null, "board"));
        assertRefused("schoolId", () -> hooks.create(" ", null, "board"));
        assertRefused("label", () -> hooks.create("N-1", "x".repeat(101), "board"));
    }

    @Test
    void aFindingAWriteOpenedIsToldOnceTheWriteIsStoredAndNotBefore() {
        TestDatabase db = TestDatabase.on(dataSource());
        NetworkService net = new NetworkService(db, schools, enablement, org.gigaplan.testkit.TestClocks.at(
                "2026-06-01T09:00"), config());
        org.gigaplan.testkit.FakeNotifier notifier = new org.gigaplan.testkit.FakeNotifier();
        FollowUpJob job = new FollowUpJob(net, schools, notifier, db);
        long id = net.record(List.of(m("N-1", OffsetDateTime.of(2026, 5, 31, 10, 0, 0, 0, java.time.ZoneOffset.ofHours(9)),
                300)), null, "agent", false).findingsOpened().get(0);
        org.gigaplan.plan.notify.Audience n1 = org.gigaplan.plan.notify.Audience.school("N-1");
        // Told inside the write, a conflict over the notice would undo the write with it: told after it commits.
        db.transaction(c -> {
            job.announceOnceStored(List.of(id));
            assertEquals(List.of(), notifier.sentTo(n1), "not told inside the write");
            return null;
        });
        assertEquals(1, notifier.sentTo(n1).size());
        assertEquals(1, notifier.sentTo(org.gigaplan.plan.notify.Audience.board()).size());
    }

    @Test
    void followUpTellsOfFindingsEscalatesOldOnesAndWatchesTheAgents() {
        org.gigaplan.testkit.TestClocks.Settable clock = org.gigaplan.testkit.TestClocks.at("2026-06-01T09:00");
        TestDatabase db = TestDatabase.on(dataSource());
        NetworkService net = new NetworkService(db, schools, enablement, clock, config());
        org.gigaplan.testkit.FakeNotifier notifier = new org.gigaplan.testkit.FakeNotifier();
        FollowUpJob job = new FollowUpJob(net, schools, notifier, db);
        java.util.function.Supplier<String> run = () -> job.run(new org.gigaplan.plan.notify.ScheduledJob.Run(clock.now(),
                java.time.LocalDate.ofInstant(clock.now(), clock.zone()), clock.now()));
        java.time.ZoneOffset jst = java.time.ZoneOffset.ofHours(9);
        // N-1 (needs 466.5 Mbps) measures 300 on May 31: a finding opens. N-2 measures well.
        long id = net.record(List.of(m("N-1", OffsetDateTime.of(2026, 5, 31, 10, 0, 0, 0, jst), 300)), null, "agent",
                false).findingsOpened().get(0);
        net.record(List.of(m("N-2", OffsetDateTime.of(2026, 5, 31, 10, 0, 0, 0, jst), 900)), null, "agent", false);
        org.gigaplan.plan.notify.Audience board = org.gigaplan.plan.notify.Audience.board();
        org.gigaplan.plan.notify.Audience n1 = org.gigaplan.plan.notify.Audience.school("N-1");

        assertEquals("1 findings told, 0 escalated, 0 agents silent, 0 back", run.get());
        org.gigaplan.plan.notify.Notice opened = notifier.sentTo(n1).get(0);
        assertEquals("environment.finding", opened.kind());
        assertTrue(opened.subject().ja().contains("ネット小学校"), opened.subject().ja());
        assertTrue(opened.body().ja().contains("300 Mbps") && opened.body().ja().contains("466.5 Mbps"),
                opened.body().ja());
        assertEquals(1, notifier.sentTo(board).size());
        assertEquals("0 findings told, 0 escalated, 0 agents silent, 0 back", run.get(), "told once");

        // June 16: sixteen days without a countermeasure (escalated once); both agents silent since May 31.
        clock.set("2026-06-16T09:00");
        assertEquals("0 findings told, 1 escalated, 2 agents silent, 0 back", run.get());
        assertEquals("0 findings told, 0 escalated, 0 agents silent, 0 back", run.get());
        assertTrue(notifier.sentTo(board).stream().anyMatch(n -> n.kind().equals("environment.finding-escalation")
                && n.body().ja().contains("16日たっても対策が記録されていません")));
        assertEquals(3, notifier.sentTo(n1).size() + notifier.sentTo(org.gigaplan.plan.notify.Audience.school("N-2"))
                .size() - 0, "N-1: opened and silent; N-2: silent");

        // N-2's agent sends again: told once that it is back.
        net.record(List.of(m("N-2", OffsetDateTime.of(2026, 6, 16, 8, 0, 0, 0, jst), 880)), null, "agent", false);
        assertEquals("0 findings told, 0 escalated, 0 agents silent, 1 back", run.get());
        assertEquals("0 findings told, 0 escalated, 0 agents silent, 0 back", run.get());
        List<org.gigaplan.plan.notify.Notice> toN2 = notifier.sentTo(org.gigaplan.plan.notify.Audience.school("N-2"));
        assertTrue(toN2.get(toN2.size() - 1).subject().ja().startsWith("速度測定の結果がまた届いています"),
                toN2.get(toN2.size() - 1).subject().ja());

        // The school names who acts by when and records a countermeasure; past the due date, the board hears once.
        Finding f = net.finding(id).orElseThrow();
        assertThrows(InvalidInputException.class, () -> net.assign(f, "x", java.time.LocalDate.of(2026, 5, 1)));
        Finding assigned = net.assign(f, "情報担当 佐藤", java.time.LocalDate.of(2026, 6, 20));
        assertEquals("情報担当 佐藤", assigned.owner());
        net.addNote(assigned, "COUNTERMEASURE", "回線を増速", null, "school");
        clock.set("2026-06-21T09:00");
        // (and N-2's agent, silent again since June 16: a second silence is told too)
        assertEquals("0 findings told, 1 escalated, 1 agents silent, 0 back", run.get());
        assertTrue(notifier.sentTo(board).stream().anyMatch(n -> n.body().ja().contains("期限（2026-06-20）を過ぎても")
                && n.body().ja().contains("担当: 情報担当 佐藤")));
        assertEquals("0 findings told, 0 escalated, 0 agents silent, 0 back", run.get());
    }

    @Test
    void aDipOpensOneFindingJitterDoesNotFlapItAndARecoveryClosesIt() {
        // N-1 needs 466.5 Mbps; a finding opens below it and closes at 110 % = 513.15 or more.
        assertTrue(post("N-1", 0, 500).findingsOpened().isEmpty());
        NetworkService.BatchResult dip = post("N-1", 1, 460);
        assertEquals(1, dip.findingsOpened().size());
        long id = dip.findingsOpened().get(0);
        // Around the line, above and below it: the same finding stays open, no other opens.
        double[] jitters = { 480, 462, 500, 470 };
        for (int i = 0; i < jitters.length; i++) {
            double jitter = jitters[i];
            NetworkService.BatchResult r = post("N-1", 2 + i, jitter);
            assertTrue(r.findingsOpened().isEmpty() && r.findingsClosed().isEmpty(), "jitter " + jitter + ": " + r);
        }
        assertEquals(1, network.findings("N-1", false).size());
        assertEquals(id, status("N-1").openFinding());
        NetworkService.BatchResult recovered = post("N-1", 9, 520);
        assertEquals(List.of(id), recovered.findingsClosed());
        Finding closed = network.finding(id).orElseThrow();
        assertFalse(closed.open());
        assertEquals(460.0, closed.openedMbps());
        assertEquals(520.0, closed.closedMbps());
        assertEquals(320L, closed.daysToResolve(), "from step 1 to step 9: 8 × 40 days");
        // A later dip opens a new finding; the old one is history.
        assertEquals(1, post("N-1", 10, 400).findingsOpened().size());
        assertEquals(2, network.findings("N-1", false).size());
        assertEquals(1, network.findings("N-1", true).size());
        assertEquals(new NetworkService.FindingSummary(1, 1, 320.0), network.findingSummary("N-1"));
    }

    @Test
    void speedTestsArrivingTogetherOpenOneFinding() throws Exception {
        // Several access points of one school report a dip at the same moment: one finding, not one per agent.
        int rounds = 5; // steps 0 … 9: within a year of T0, not in the future
        for (int round = 0; round < rounds; round++) {
            int step = 2 * round;
            List<Callable<NetworkService.BatchResult>> agents = new java.util.ArrayList<>();
            for (int agent = 0; agent < 3; agent++) {
                int minute = agent;
                agents.add(() -> network.record(List.of(m("N-1", T0.plusDays(40L * step).plusMinutes(minute), 400)),
                        null, "agent", false));
            }
            int opened = AtOnce.run(agents).stream().mapToInt(r -> r.findingsOpened().size()).sum();
            assertEquals(1, opened, "round " + round);
            assertEquals(1, network.findings("N-1", true).size(), "round " + round);
            assertEquals(1, post("N-1", step + 1, 600).findingsClosed().size(), "round " + round);
        }
        assertEquals(rounds, network.findings("N-1", false).size());
    }

    @Test
    void theClassesNamedInASchoolsStatementsAreListedForTeachersToPick() {
        xapi.store(List.of(statement("taro", "completed", "math/1", 0.8, "2025-06-02T10:00:00+09:00"),
                statement("taro", "answered", "math/2", 0.5, "2025-06-03T10:00:00+09:00"),
                statement("hanako", "completed", "math/1", 1.0, "2025-06-04T10:00:00+09:00")), "N-1", "agent", false);
        xapi.store(List.of(statement("jiro", "completed", "math/1", 0.8, "2025-06-05T10:00:00+09:00")), "N-2", "agent",
                false);
        assertEquals(List.of(new org.gigaplan.environment.internal.XapiClass("5-1", 3, 2,
                Instant.parse("2025-06-04T01:00:00Z"))), xapi.classes("N-1", Instant.parse("2025-06-01T00:00:00Z"),
                Instant.parse("2025-07-01T00:00:00Z")), "N-1's class only, two learners");
        assertTrue(xapi.classes("N-1", Instant.parse("2025-06-04T01:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"))
                .isEmpty(), "since is exclusive");
    }

    @Test
    void aBatchResentWhileTheFirstIsStillBeingStoredIsStoredOnce() throws Exception {
        // A drill's client times out and sends its batch again while the first copy is still being written.
        for (int round = 0; round < 10; round++) {
            List<Object> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                var withId = new java.util.HashMap<>(statement("taro", "answered", "math/" + i, 0.5,
                        "2025-06-02T10:00:00+09:00"));
                withId.put("id", java.util.UUID.randomUUID().toString());
                batch.add(withId);
            }
            Callable<List<String>> send = () -> xapi.store(batch, "N-1", "agent", false);
            List<List<String>> answers = AtOnce.run(List.of(send, send));
            assertEquals(answers.get(0), answers.get(1), "both copies answered with the same ids");
        }
        assertEquals(30, xapi.find(new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null, null,
                null, null, null), 100).size());
    }

    @Test
    void aBatchPostedAgainIsStoredOnceWhateverItsSize() {
        // Stored ids are looked for a hundred at a time: 250 ids fill two looks and part of a third.
        List<java.util.Map<String, Object>> first = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            var withId = new java.util.HashMap<String, Object>(statement("learner" + (i % 7), "answered", "math/" + i,
                    0.5, "2025-06-02T10:00:00+09:00"));
            withId.put("id", java.util.UUID.randomUUID().toString());
            first.add(withId);
        }
        xapi.store(new java.util.ArrayList<Object>(first.subList(0, 130)), "N-1", "agent", false);
        // The whole batch again: the 130 stored are not stored twice, the other 120 are stored.
        assertEquals(250, xapi.store(new java.util.ArrayList<Object>(first), "N-1", "agent", false).size());
        var query = new org.gigaplan.environment.internal.store.XapiStore.Query("N-1", null, null, null, null, null, null);
        assertEquals(250, xapi.find(query, 1_000).size());
        assertEquals(250L, xapi.summary("N-1", Instant.EPOCH, Instant.now(), false).get(0).statements());
        // One of them with other content, far into the batch: refused, nothing of the batch stored.
        var changed = new java.util.HashMap<>(first.get(210));
        changed.put("result", java.util.Map.of("score", java.util.Map.of("scaled", 0.9)));
        List<Object> resent = new java.util.ArrayList<>(first);
        resent.set(210, changed);
        var fresh = new java.util.HashMap<String, Object>(statement("learner1", "answered", "math/x", 0.5,
                "2025-06-02T10:00:00+09:00"));
        fresh.put("id", java.util.UUID.randomUUID().toString());
        resent.add(fresh);
        assertThrows(org.gigaplan.plan.rest.ConflictException.class, () -> xapi.store(resent, "N-1", "agent", false));
        assertEquals(250, xapi.find(query, 1_000).size());
    }

    @Test
    void peopleAddCausesCountermeasuresAndVerifications() {
        post("N-1", 0, 300);
        Finding f = network.findings("N-1", true).get(0);
        network.addNote(f, "CAUSE", "回線が飽和", null, "board");
        long measurement = network.measurements("N-1", Instant.EPOCH, Instant.now()).get(0).id();
        Finding after = network.addNote(f, "verification", "増速後に再測定", measurement, "school");
        assertEquals(List.of("CAUSE", "VERIFICATION"), after.notes().stream().map(Finding.Note::kind).toList());
        assertRefused("kind", () -> network.addNote(f, "GUESS", "x", null, "b"));
        assertRefused("measurementId", () -> network.addNote(f, "VERIFICATION", "x", 999_999L, "b"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        assertRefused("[0].point", () -> network.record(List.of(
                new Measurement("N-1", T0, 300.0, null, null, null, "ROOF", true, null)), null, "a", false));
        assertRefused("[1].downloadMbps", () -> network.record(List.of(m("N-1", T0, 300),
                new Measurement("N-1", T0, -1.0, null, null, null, "SCHOOL_LAN", true, null)), null, "a", false));
        assertRefused("[0].measuredAt", () -> network.record(List.of(m("N-1", OffsetDateTime.now().plusDays(2), 300)),
                null, "a", false));
        assertRefused("[0].schoolId", () -> network.record(List.of(m("N-2", T0, 300)), "N-1", "agent", false));
        assertRefused("[0].lossPercent", () -> network.record(List.of(
                new Measurement("N-1", T0, 300.0, null, null, 120.0, "SCHOOL_LAN", true, null)), null, "a", false));
        assertTrue(network.measurements(null, Instant.EPOCH, Instant.now()).isEmpty());
        assertTrue(network.findings(null, false).isEmpty());
    }

    @Test
    void measurementsComeFromCsvAllOrNothingWithLineAndColumnInErrors() {
        String csv = "\uFEFFschool_id,measured_at,download_mbps,point,class_hours\n"
                + "N-2,2025-06-02T10:00:00+09:00,540,CENTRE_LINK,true\n"
                + "N-2,2025-06-03T10:00:00+09:00,560,,\n";
        assertEquals(2, network.record(MeasurementCsv.parse(CsvTable.parse(csv), TOKYO), null, "board", false).measurements());
        assertEquals(550.0, status("N-2").medianMbps());
        InvalidInputException syntax = assertThrows(InvalidInputException.class, () -> MeasurementCsv.parse(CsvTable.parse("school_id,measured_at,download_mbps\nN-1,yesterday,300\n"), TOKYO));
        assertEquals("line 2.measured_at", syntax.errors().get(0).field());
        List<Measurement> parsed = MeasurementCsv.parse(CsvTable.parse(
                "school_id,measured_at,download_mbps\nN-1,2025-06-02T10:00:00+09:00,300\nN-1,2025/6/2 11:00,-3\n"), TOKYO);
        assertEquals(java.time.OffsetDateTime.parse("2025-06-02T11:00:00+09:00"), parsed.get(1).measuredAt(),
                "a time as a spreadsheet saves it, in the city's zone");
        InvalidInputException semantic = assertThrows(InvalidInputException.class,
                () -> network.record(parsed, null, "board", false));
        assertEquals("line 3.download_mbps", MeasurementCsv.toCsv(semantic.errors().get(0)).field());
        InvalidInputException point = assertThrows(InvalidInputException.class, () -> network.record(MeasurementCsv.parse(
                CsvTable.parse("school_id,measured_at,download_mbps,point\nN-1,2025/6/2 12:00,300,ROOF\n"), TOKYO), null,
                "board", false));
        InvalidInputException.FieldError inCsv = MeasurementCsv.toCsv(point.errors().get(0));
        assertEquals("line 2.point", inCsv.field());
        assertTrue(inCsv.japanese().contains("ROOF"), "its Japanese kept: " + inCsv);
        assertTrue(network.measurements("N-1", Instant.EPOCH, Instant.now()).isEmpty());
    }

    @Test
    void aMeasurementSentAgainIsStoredOnceAndTheAnswerSaysSoOnEveryWayIn() throws Exception {
        // N-1 needs 466.5 Mbps. 500 and 300 in the window: median 400, below, one finding.
        Measurement a = m("N-1", T0, 500);
        Measurement b = m("N-1", T0.plusHours(1), 300);
        NetworkService.BatchResult first = network.record(List.of(a, b), null, "agent", false);
        assertEquals("2 2 0 1", first.measurements() + " " + first.stored() + " " + first.unchanged() + " "
                + first.findingsOpened().size());
        // The agent got no answer and sends the batch again: nothing stored, nothing opened, and the answer says so.
        NetworkService.BatchResult again = network.record(List.of(a, b), "N-1", "agent", false);
        assertEquals(new NetworkService.BatchResult(2, 0, 2, List.of(), List.of()), again);
        assertEquals(400.0, status("N-1").medianMbps());
        assertEquals(2, status("N-1").tests());
        // The same instant written in UTC is the same measurement; so is a copy within one batch. 700 is new: 300,
        // 500, 700 → median 500.
        Measurement inUtc = new Measurement("N-1", T0.withOffsetSameInstant(ZoneOffset.UTC), 500.0, 250.0, 12.0, 0.1,
                "centre_link", true, 200);
        NetworkService.BatchResult mixed = network.record(List.of(inUtc, m("N-1", T0.plusHours(2), 700),
                m("N-1", T0.plusHours(2), 700)), null, "board", false);
        assertEquals("3 1 2", mixed.measurements() + " " + mixed.stored() + " " + mixed.unchanged());
        assertEquals(500.0, status("N-1").medianMbps());
        assertEquals(3, status("N-1").tests());
        // The same time at another point is another measurement.
        assertEquals(1, network.record(List.of(new Measurement("N-1", T0, 500.0, 250.0, 12.0, 0.1, "ACCESS_POINT",
                true, 200)), null, "board", false).stored());
        // A stock agent's output posted twice (the agent endpoint and a webhook read it the same way), and a CSV
        // imported twice.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < 2; i++) {
            List<Measurement> ookla = network.agentOutput(json.readValue(OOKLA, Object.class), null, null, "N-1");
            NetworkService.BatchResult r = network.record(ookla, "N-1", "agent", false);
            assertEquals(i == 0 ? "1 0" : "0 1", r.stored() + " " + r.unchanged());
        }
        String csv = "school_id,measured_at,download_mbps,point,class_hours\n"
                + "N-2,2025-06-02T10:00:00+09:00,540,CENTRE_LINK,true\nN-2,2025-06-03T10:00:00.000+09:00,560,,\n";
        network.record(MeasurementCsv.parse(CsvTable.parse(csv), TOKYO), null, "board", false);
        NetworkService.BatchResult reimported = network.record(MeasurementCsv.parse(CsvTable.parse(csv), TOKYO), null,
                "board", false);
        assertEquals("2 0 2", reimported.measurements() + " " + reimported.stored() + " " + reimported.unchanged());
        assertEquals(550.0, status("N-2").medianMbps());
        assertEquals(5, network.measurements("N-1", Instant.EPOCH, Instant.now()).size(), "N-1: 500, 300, 700, the "
                + "access point's and Ookla's");
        assertEquals(2, network.measurements("N-2", Instant.EPOCH, Instant.now()).size());
    }

    @Test
    void aMeasurementSentAgainWhileTheFirstIsStillBeingStoredIsStoredOnce() throws Exception {
        // An agent's request times out and it sends again while the first copy is still being written.
        for (int round = 0; round < 5; round++) {
            List<Measurement> batch = List.of(m("N-1", T0.plusHours(round), 500), m("N-1", T0.plusDays(1), 600));
            Callable<NetworkService.BatchResult> send = () -> network.record(batch, "N-1", "agent", false);
            List<NetworkService.BatchResult> answers = AtOnce.run(List.of(send, send));
            assertEquals(round == 0 ? 2 : 1, answers.stream().mapToInt(NetworkService.BatchResult::stored).sum(),
                    "round " + round + ": " + answers);
        }
        assertEquals(6, network.measurements("N-1", Instant.EPOCH, Instant.now()).size());
    }

    @Test
    void aMeasurementSentAgainWithOtherFiguresIsRefusedNamingTheFieldAndNothingOfTheBatchIsStored() {
        Measurement a = m("N-1", T0, 500);
        network.record(List.of(a), null, "agent", false);
        Measurement later = m("N-1", T0.plusHours(1), 300);
        org.gigaplan.plan.rest.ConflictException stored = assertThrows(org.gigaplan.plan.rest.ConflictException.class,
                () -> network.record(List.of(later, m("N-1", T0, 510)), null, "agent", false));
        assertEquals("[1].downloadMbps", stored.field());
        assertTrue(stored.getMessage().contains("500.0"), stored.getMessage());
        assertEquals("line 3.download_mbps", MeasurementCsv.toCsv(stored).field(), "the CSV line of [1]");
        org.gigaplan.plan.rest.ConflictException inBatch = assertThrows(
                org.gigaplan.plan.rest.ConflictException.class, () -> network.record(List.of(later,
                        new Measurement("N-1", later.measuredAt(), 300.0, 150.0, 99.0, 0.1, "CENTRE_LINK", true, 200)),
                        null, "agent", false));
        assertEquals("[1].latencyMs", inBatch.field());
        assertEquals("[0].classHours", assertThrows(org.gigaplan.plan.rest.ConflictException.class,
                () -> network.record(List.of(new Measurement("N-1", T0, 500.0, 250.0, 12.0, 0.1, "CENTRE_LINK", false,
                        200)), null, "agent", false)).field());
        assertEquals(List.of(500.0), network.measurements("N-1", Instant.EPOCH, Instant.now()).stream()
                .map(StoredMeasurement::downloadMbps).toList(), "the 300 of the refused batches not stored");
        assertEquals(1, status("N-1").tests());
    }

    @Test
    void copiesStoredBeforeAreRemovedKeepingTheFirstItsNotesAndTheMedianCountedAgain() {
        // N-1 (466.5 Mbps): 300 opens a finding; 600 and 700 close it (median 600).
        network.record(List.of(m("N-1", T0, 300)), null, "agent", false);
        network.record(List.of(m("N-1", T0.plusDays(1), 600), m("N-1", T0.plusDays(2), 700)), null, "agent", false);
        // N-2: 540, and a test of the same place and instant with other figures, which is not a copy.
        network.record(List.of(m("N-2", T0, 540)), null, "agent", false);
        long first = network.measurements("N-1", Instant.EPOCH, Instant.now()).get(0).id();
        long[] copies = db.transaction(c -> {
            String copy = "INSERT INTO env_measurement (school_id, measured_at, download_mbps, upload_mbps, "
                    + "latency_ms, loss_percent, point, class_hours, devices, recorded_by, recorded_at, demo) SELECT school_id, "
                    + "measured_at, download_mbps, upload_mbps, latency_ms, loss_percent, point, class_hours, devices, "
                    + "'resent', recorded_at, demo FROM env_measurement WHERE id = ?";
            org.gigaplan.plan.service.Jdbc.update(c, copy, first);
            org.gigaplan.plan.service.Jdbc.update(c, copy, first);
            org.gigaplan.plan.service.Jdbc.update(c, copy.replace("'resent'", "'other'").replace("id = ?",
                    "school_id = 'N-2'"));
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_measurement SET download_mbps = 560, devices = NULL "
                    + "WHERE recorded_by = 'other'");
            // As the version before kept it: counted with the copies.
            org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM env_school_status");
            return org.gigaplan.plan.service.Jdbc.list(c, "SELECT id FROM env_measurement WHERE recorded_by = "
                    + "'resent' ORDER BY id", r -> r.getLong(1)).stream().mapToLong(Long::longValue).toArray();
        });
        network = new NetworkService(db, schools, enablement, CLOCK, config());
        assertEquals(300.0, status("N-1").medianMbps(), "300, 300, 300, 600, 700");
        assertEquals(SchoolStatus.State.BELOW, status("N-1").state());
        Finding finding = network.findings("N-1", false).get(0);
        network.addNote(finding, "VERIFICATION", "再測定", copies[1], "school");

        // The upgrade: the migration runs again (Liquibase told to forget the changelog table it read).
        assertEquals(1, (int) db.transaction(c -> org.gigaplan.plan.service.Jdbc.update(c,
                "DELETE FROM databasechangelog WHERE id = 'environment-30-measurements-once'")));
        liquibase.Scope.getCurrentScope().getSingleton(liquibase.changelog.FastCheckService.class).clearCache();
        liquibase.changelog.ChangeLogHistoryServiceFactory.getInstance().resetAll();
        network = new NetworkService(db, schools, enablement, CLOCK, config());
        assertEquals(List.of(first), network.measurements("N-1", Instant.EPOCH, Instant.now()).stream()
                .filter(x -> x.downloadMbps() == 300).map(StoredMeasurement::id).toList(), "the first kept");
        assertEquals(600.0, status("N-1").medianMbps(), "300, 600, 700");
        assertEquals(3, status("N-1").tests());
        assertEquals(SchoolStatus.State.MEETS, status("N-1").state());
        assertEquals(first, network.finding(finding.id()).orElseThrow().notes().get(0).measurementId());
        assertEquals(550.0, status("N-2").medianMbps(), "540 and 560 at one instant: both kept");
        // Sent again now: taken as the one kept.
        assertEquals(1, network.record(List.of(m("N-1", T0, 300)), null, "agent", false).unchanged());
    }

    static void assertRefused(String field, Runnable write) {
        InvalidInputException e = assertThrows(InvalidInputException.class, write::run);
        assertTrue(e.errors().stream().anyMatch(x -> x.field().equals(field)), field + " not in " + e.errors());
    }

    /** Refused naming the field, with what is wrong in Japanese too (school staff read answers in Japanese). */
    static void assertRefusedInJapanese(String field, Runnable write) {
        InvalidInputException e = assertThrows(InvalidInputException.class, write::run);
        assertTrue(e.errors().stream().anyMatch(x -> x.field().equals(field) && x.japanese() != null),
                field + " not in " + e.errors() + " with Japanese");
    }

    @Test
    void theIndicatorIsTheShareOfSchoolsMeetingTheirRecommendation() {
        post("N-1", 0, 500);
        post("N-2", 0, 500);
        EnvironmentModule module = new EnvironmentModule(network, xapi, uses);
        // N-1 500 ≥ 466.5 meets; N-2 500 < 525 does not.
        assertEquals(50.0, module.value(EnvironmentModule.BANDWIDTH, Scope.city(), FiscalYear.of(2025)).orElseThrow().value());
        assertEquals(100.0, module.value(EnvironmentModule.BANDWIDTH, Scope.school("N-1"), FiscalYear.of(2025))
                .orElseThrow().value());
        assertTrue(module.value(EnvironmentModule.BANDWIDTH, Scope.city(), FiscalYear.of(2024)).isEmpty());
    }

    @Test
    void demoDataHasSchoolsBelowAndOneRecovered() {
        List<School> sample = schools.all().stream().filter(School::sample).toList();
        new EnvironmentModule(network, xapi, uses).fillDemoData(new DemoContext() {
            public FiscalYear fiscalYear() {
                return FiscalYear.of(2025);
            }

            public List<School> schools() {
                return sample;
            }

            public RandomGenerator random() {
                return new SplittableRandom(5);
            }

            public void progress(String message) {
            }
        });
        List<SchoolStatus> statuses = network.statuses(null);
        assertTrue(statuses.stream().filter(s -> s.state() == SchoolStatus.State.BELOW).count() >= 2);
        assertTrue(statuses.stream().filter(s -> s.state() == SchoolStatus.State.MEETS).count() >= 5);
        assertTrue(network.findings(null, false).stream().anyMatch(f -> !f.open() && !f.notes().isEmpty()),
                "one school recovered, with a cause and a countermeasure");
        String school = sample.stream().filter(s -> s.type() == org.gigaplan.plan.model.SchoolType.ELEMENTARY)
                .findFirst().orElseThrow().id();
        var summary = xapi.summary(school, Instant.EPOCH, Instant.now(), true);
        assertEquals(16, summary.get(0).learners(), "two classes of eight learners");
        assertFalse(summary.get(0).suppressed());
        HistoryUse.Use city = uses.use(FiscalYear.of(2025), null, true);
        assertTrue(city.teachers() >= 3 * sample.size() && city.weeklyShare() > 0 && city.weeklyShare() < 100,
                () -> "a spread of teachers' reports: " + city);
        assertTrue(city.demo());
    }

    @Test
    void eachSchoolsStatusIsKeptPerFiscalYearAcrossLatePostsAndAChangedWindow() {
        // FY2025 ends on 2026-03-31 in Japan. N-1: two tests on March 20, one on April 5 (FY2026).
        OffsetDateTime march20 = OffsetDateTime.of(2026, 3, 20, 10, 0, 0, 0, ZoneOffset.ofHours(9));
        network.record(List.of(m("N-1", march20, 100), m("N-1", march20.plusHours(1), 300)), null, "agent", false);
        network.record(List.of(m("N-1", march20.plusDays(16), 500)), null, "agent", false);
        // Now: the 30 days back from April 5 hold all three.
        assertEquals(300.0, status("N-1").medianMbps());
        assertEquals(3, status("N-1").tests());
        assertEquals(march20.plusDays(16).toInstant(), status("N-1").windowEnd());
        // A test of March 25 posted late: FY2026's window reaches back to it, and FY2025's now ends at it.
        network.record(List.of(m("N-1", march20.plusDays(5), 700)), null, "agent", false);
        assertEquals(400.0, status("N-1").medianMbps(), "100, 300, 500, 700");
        assertEquals(4, status("N-1").tests());
        SchoolStatus fy2025 = network.statuses(FiscalYear.of(2025), "N-1").get(0);
        assertEquals(300.0, fy2025.medianMbps(), "100, 300, 700: as of March 25");
        assertEquals(march20.plusDays(5).toInstant(), fy2025.windowEnd());
        assertEquals(SchoolStatus.State.NO_DATA, network.statuses(FiscalYear.of(2024), "N-1").get(0).state());
        // The board's city view: N-2 has no measurement.
        assertEquals(SchoolStatus.State.NO_DATA, network.statuses(null).stream().filter(x -> x.schoolId().equals("N-2"))
                .findFirst().orElseThrow().state());
        // Started again with a window of 10 days: counted again. From April 5 back to March 26: 500 alone; from
        // March 25 back to March 15: 100, 300, 700.
        NetworkService narrow = new NetworkService(db, schools, enablement, CLOCK, config("", 10));
        assertEquals(500.0, narrow.statuses("N-1").get(0).medianMbps());
        assertEquals(1, narrow.statuses("N-1").get(0).tests());
        assertEquals(300.0, narrow.statuses(FiscalYear.of(2025), "N-1").get(0).medianMbps());
        // And back: what is kept is counted from the measurements, not carried over.
        assertEquals(400.0, new NetworkService(db, schools, enablement, CLOCK, config()).statuses("N-1").get(0)
                .medianMbps());
    }

    @Test
    void learnersLookingAtTheirOwnHistoryAreCountedOncePerYearAndNeverUnderFive() {
        // Six learners of N-1 with records this fiscal year; two of them open their own history, one twice.
        FiscalYear fy = CLOCK.currentFiscalYear();
        String day = fy.start().plusDays(10) + "T10:00:00+09:00";
        List<Object> batch = new java.util.ArrayList<>();
        for (String learner : List.of("l1", "l2", "l3", "l4", "l5", "l6")) {
            batch.add(statement(learner, "completed", "math/1", 0.8, day));
        }
        xapi.store(batch, "N-1", "agent", false);
        EnvironmentModule module = new EnvironmentModule(network, xapi, uses);
        assertTrue(module.value(EnvironmentModule.LEARNER_HISTORY, Scope.city(), fy).orElseThrow().value() == 0.0);
        Instant since = fy.start().atStartOfDay(CLOCK.zone()).toInstant();
        xapi.learnerHistory("N-1", "l1@school.example", since, CLOCK.now(), 10);
        xapi.learnerHistory("N-1", "l1@school.example", since, CLOCK.now(), 10);
        xapi.learnerHistory("N-1", "l2@school.example", since, CLOCK.now(), 10);
        IndicatorValue looking = module.value(EnvironmentModule.LEARNER_HISTORY, Scope.city(), fy).orElseThrow();
        assertEquals(33.3, looking.value(), "2 of 6");
        assertEquals(6L, looking.sampleSize());
        assertEquals(33.3, module.value(EnvironmentModule.LEARNER_HISTORY, Scope.school("N-1"), fy).orElseThrow().value());
        assertTrue(module.value(EnvironmentModule.LEARNER_HISTORY, Scope.school("N-2"), fy).isEmpty(), "no learners");
        // Erasing a learner erases that they looked.
        xapi.erase(java.util.Map.of("mbox", "mailto:l1@school.example"));
        assertTrue(module.value(EnvironmentModule.LEARNER_HISTORY, Scope.city(), fy).isPresent());
        assertEquals(20.0, module.value(EnvironmentModule.LEARNER_HISTORY, Scope.city(), fy).orElseThrow().value(),
                "1 of the 5 left");
        // The teachers' survey shows how many of the schools served reported.
        uses.report("N-1", List.of(report("T01", "WEEKLY")), "board", true, false);
        IndicatorValue teachers = module.value(EnvironmentModule.LEARNING_HISTORY, Scope.school("N-1"),
                FiscalYear.of(2025)).orElseThrow();
        assertEquals(100.0, teachers.value(), "a school's own roll-up shows its one teacher");
    }

    @Test
    void aLearnerSeesTheirOwnHistoryOnly() {
        xapi.store(List.of(statement("taro", "completed", "math/1", 0.8, "2025-06-02T10:00:00+09:00"),
                statement("taro", "completed", "math/2", 0.6, "2025-06-10T10:00:00+09:00"),
                statement("hanako", "completed", "math/1", 1.0, "2025-06-04T10:00:00+09:00")), "N-1", "agent", false);
        Instant since = Instant.parse("2025-05-01T00:00:00Z");
        var taro = xapi.learnerHistory("N-1", "taro@school.example", since, Instant.now(), 100);
        assertEquals(2, taro.statements().size());
        assertEquals(xapi.pseudonym(java.util.Map.of("mbox", "mailto:taro@school.example"), "agent"), taro.learner());
        assertFalse(taro.toString().contains("hanako") || taro.toString().contains("taro@"), () -> "only a pseudonym: " + taro);
        assertEquals(List.of(java.time.LocalDate.of(2025, 6, 2), java.time.LocalDate.of(2025, 6, 9)),
                taro.weeks().stream().map(org.gigaplan.environment.internal.XapiActivityWeek::week).toList());
        assertEquals(0.8, taro.weeks().get(0).meanScore());
        assertTrue(xapi.learnerHistory("N-2", "taro@school.example", since, Instant.now(), 100).statements().isEmpty(),
                "another school's login is another learner");
        // Drills that name learners by account: the login is the account name at the configured home page.
        XapiService byAccount = new XapiService(db, new NetworkService(db, schools, enablement, CLOCK,
                config("https://drill.example/accounts")), roster);
        byAccount.store(java.util.Map.of("actor", java.util.Map.of("account", java.util.Map.of("homePage",
                "https://drill.example/accounts", "name", "s1234")), "verb", java.util.Map.of("id",
                "http://adlnet.gov/expapi/verbs/completed"), "object", java.util.Map.of("id", "https://drill.example/m/1"),
                "timestamp", "2025-06-02T10:00:00+09:00"), "N-1", "agent", false);
        assertEquals(1, byAccount.learnerHistory("N-1", "s1234", since, Instant.now(), 100).statements().size());
        assertTrue(byAccount.learnerHistory("N-1", "taro@school.example", since, Instant.now(), 100).statements().isEmpty());
    }

    @Test
    void teachersUseOfLearningHistoriesIsTheShareReportingWeekly() {
        FiscalYear fy = FiscalYear.of(2025);
        // N-1: six teachers, DAILY + 2 WEEKLY of them weekly → 50 %; N-2: two teachers, one weekly.
        assertEquals(6, uses.report("N-1", List.of(report("T01", "DAILY"), report("T02", "weekly"), report("T03", "WEEKLY"),
                report("T04", "MONTHLY"), report("T05", "RARELY"), report("T06", "NEVER")), "school", true, false));
        uses.report("N-2", List.of(report("T01", "WEEKLY"), report("T02", "NEVER")), "school", true, false);
        HistoryUse.Use n1 = uses.use(fy, "N-1", true);
        assertEquals(50.0, n1.weeklyShare());
        assertEquals(3, n1.weeklyOrMore());
        assertEquals(1, n1.byFrequency().get("NEVER"));
        assertTrue(uses.use(fy, "N-2", true).suppressed(), "two teachers: no figures for the board");
        assertEquals(50.0, uses.use(fy, "N-2", false).weeklyShare(), "the school sees its own");
        // The city: 4 of 8.
        assertEquals(50.0, uses.use(fy, null, true).weeklyShare());
        // A later report replaces the teacher's earlier one: T04 now weekly → 4 of 6.
        uses.report("N-1", List.of(report("T04", "WEEKLY")), "school", true, false);
        assertEquals(66.7, uses.use(fy, "N-1", true).weeklyShare());
        EnvironmentModule module = new EnvironmentModule(network, xapi, uses);
        assertEquals(66.7, module.value(EnvironmentModule.LEARNING_HISTORY, Scope.school("N-1"), fy).orElseThrow().value());
        assertEquals(62.5, module.value(EnvironmentModule.LEARNING_HISTORY, Scope.city(), fy).orElseThrow().value());
        // N-2's two teachers: the board's views hide them; the school's own roll-up shows its figure.
        assertEquals(50.0, module.value(EnvironmentModule.LEARNING_HISTORY, Scope.school("N-2"), fy).orElseThrow()
                .value());
        assertTrue(module.value(EnvironmentModule.LEARNING_HISTORY, Scope.city(), FiscalYear.of(2024)).isEmpty());
        // A school switched off is left out of the city.
        enablement.set(NetworkService.MODULE_ID, "N-2", false, "board");
        assertEquals(66.7, uses.use(fy, null, true).weeklyShare());
        enablement.set(NetworkService.MODULE_ID, "N-2", true, "board");
        // Bad input: nothing stored, every problem named.
        assertRefusedInJapanese("[1].frequency", () -> uses.report("N-1", List.of(report("T07", "DAILY"),
                report("T08", "often")), "school", true, false));
        assertRefused("[0].teacherId", () -> uses.report("N-1", List.of(report("T 9", "DAILY")), "school", true, false));
        assertRefusedInJapanese("[1].teacherId", () -> uses.report("N-1", List.of(report("T07", "DAILY"),
                report("T07", "NEVER")), "school", true, false));
        assertRefusedInJapanese("[0].reportedOn", () -> uses.report("N-1",
                List.of(new HistoryUse.Report("T07", 2025, "DAILY", java.time.LocalDate.of(2026, 4, 1))), "school",
                true, false));
        assertRefused("schoolId", () -> uses.report("N-9", List.of(report("T07", "DAILY")), "school", true, false));
        int next = CLOCK.currentFiscalYear().year() + 1;
        assertRefused("[0].fiscalYear", () -> uses.report("N-1", List.of(new HistoryUse.Report("T07", next, "DAILY",
                null)), "school", true, false));
        assertRefused("[0].teacherId", () -> uses.report("N-1", List.of(report("X99", "DAILY")), "school", true, false));
        List<HistoryUse.Report> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i <= HistoryUseService.MAX_REPORTS; i++) {
            tooMany.add(report("T01", "DAILY"));
        }
        assertRefused("body", () -> uses.report("N-1", tooMany, "school", true, false));
        assertEquals(6, uses.use(fy, "N-1", false).teachers());
        // A school's report without a year is for today's; naming last year is the board's to do.
        FiscalYear current = CLOCK.currentFiscalYear();
        uses.report("N-1", List.of(new HistoryUse.Report("T01", null, "NEVER", null)), "school", false, false);
        assertEquals(1, uses.use(current, "N-1", false).teachers());
        assertRefused("[0].fiscalYear", () -> uses.report("N-1", List.of(new HistoryUse.Report("T01",
                current.previous().year(), "NEVER", null)), "school", false, false));
        assertEquals(1, uses.use(fy, "N-1", false).byFrequency().get("DAILY"), "FY2025's T01 report is untouched");
        // Opening a class's history is counted per teacher and week.
        uses.opened("N-1", "T01");
        uses.opened("N-1", "T01");
        uses.opened("N-1", "T02");
        HistoryUse.Use now = uses.use(CLOCK.currentFiscalYear(), "N-1", false);
        assertEquals(List.of(new HistoryUse.Week(HistoryUseService.monday(CLOCK.today()), 2)),
                now.opened());
        assertTrue(uses.use(CLOCK.currentFiscalYear(), "N-1", true).opened()
                .isEmpty(), "one report this year: the board sees no weekly figures either");
        // The module counts and removes what names a teacher: T01's two reports and one opened week.
        assertEquals(java.util.Set.of("T01", "T02", "T03", "T04", "T05", "T06"), module.teachersNamed().get("N-1"));
        assertEquals(3, module.teacherRecords("N-1", "T01"));
        assertEquals(3, module.removeTeacher("N-1", "T01"));
        assertEquals(0, module.teacherRecords("N-1", "T01"));
        // A teacher on no list (taken off it while still logged in) opening a history is not counted.
        uses.opened("N-1", "T99");
        assertFalse(module.teachersNamed().get("N-1").contains("T99"), "T99 would be listed again at the next start");
        assertEquals(5, uses.use(fy, "N-1", false).teachers());
    }

    /** The real date in the default zone: these tests compare with now as it is. */
    static final PlanClock CLOCK = TestClocks.real();

    static HistoryUse.Report report(String teacher, String frequency) {
        return new HistoryUse.Report(teacher, 2025, frequency, java.time.LocalDate.of(2025, 7, 1));
    }
}
