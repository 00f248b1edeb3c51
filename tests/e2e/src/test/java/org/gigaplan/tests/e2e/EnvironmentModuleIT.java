package org.gigaplan.tests.e2e;

import static org.gigaplan.tests.e2e.Distribution.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.tests.e2e.Distribution.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Policy 3 (the environment module) on the built distribution: schools of different enrollments against the
 * recommended bandwidth (one interpolated); a dip opens one finding, jitter around the line does not flap it, a
 * recovery closes it; bad input is refused with nothing stored; the feature comes and goes with its data kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnvironmentModuleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Tests 40 days apart, so each 30-day window holds one: the first over a year ago, all in the past. */
    private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.ofHours(9)).minusDays(400)
            .withHour(10).truncatedTo(ChronoUnit.HOURS);

    private static Distribution dist;
    private static String agentOfW1;

    @BeforeAll
    static void startDistribution() throws Exception {
        dist = Distribution.unpack(Path.of(E2e.property("gigaplan.e2e.distribution")),
                Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("environment"));
        dist.start();
        Distribution.awaitDemoFills(dist);
        Response imported = dist.post("/api/schools/import", "text/csv", """
                id,name_ja,name_en,type,enrollment,classes
                W-1,回線テスト小学校,Network Test Elementary,ELEMENTARY,420,14
                W-2,回線テスト中学校,Network Test Junior High,JUNIOR_HIGH,560,16
                W-3,回線テスト分校,Network Test Branch School,ELEMENTARY,40,2
                """);
        assertEquals(200, imported.status(), () -> "import: " + imported);
        dist.listTeachers("W-2", "T01", "T02", "T03", "T04", "T05");
        Response key = dist.post("/api/api-keys", "application/json", "{\"schoolId\":\"W-1\",\"label\":\"speed test\"}");
        assertEquals(201, key.status(), () -> "key: " + key);
        agentOfW1 = key.json().path("key").asText();
    }

    @AfterAll
    static void stopDistribution() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    private static String test(String school, int step, double mbps) {
        return "{" + (school == null ? "" : "\"schoolId\":\"" + school + "\",") + "\"measuredAt\":\""
                + T0.plusDays(40L * step) + "\",\"downloadMbps\":" + mbps
                + ",\"uploadMbps\":100,\"latencyMs\":15,\"lossPercent\":0.2,\"point\":\"CENTRE_LINK\",\"classHours\":true}";
    }

    private static JsonNode status(String school) throws Exception {
        for (JsonNode s : dist.json("/api/environment/network/status").path("schools")) {
            if (school.equals(s.path("schoolId").asText())) {
                return s;
            }
        }
        throw new AssertionError("no status of " + school);
    }

    @Test
    @Order(1)
    void schoolsOfDifferentEnrollmentsAreJudgedAgainstTheTable() throws Exception {
        // W-2 (560 students, a row of the table: 525 Mbps): tests of 500, 600, 540 in one window → median 540.
        Response w2 = dist.post("/api/environment/measurements", "application/json",
                "[" + test("W-2", 0, 500) + "," + test("W-2", 0, 600).replace(":00+09:00", ":05+09:00") + ","
                        + test("W-2", 0, 540).replace(":00+09:00", ":10+09:00") + "]");
        assertEquals(200, w2.status(), () -> "W-2: " + w2);
        JsonNode s2 = status("W-2");
        assertEquals("MEETS 540.0 525.0 false", s2.path("state").asText() + " " + s2.path("medianMbps").asDouble() + " "
                + s2.path("recommended").path("mbps").asDouble() + " " + s2.path("recommended").path("interpolated").asBoolean(),
                () -> "W-2: " + s2);
        // W-3 (40 students, below the first row: 108 Mbps): 100 Mbps is below, and opens a finding.
        Response w3 = dist.post("/api/environment/measurements", "application/json", "[" + test("W-3", 0, 100) + "]");
        assertEquals(1, w3.json().path("findingsOpened").size(), () -> "W-3: " + w3);
        assertEquals("BELOW", status("W-3").path("state").asText());
        // W-1 (420 students) lies between the rows for 280 (408) and 560 (525): 408 + 117 × 140/280 = 466.5.
        JsonNode table = dist.json("/api/environment/network/recommended-bandwidth?enrollment=420");
        assertEquals(466.5, table.path("recommendation").path("mbps").asDouble());
        assertTrue(table.path("recommendation").path("interpolated").asBoolean(), () -> "table: " + table);
        assertTrue(table.path("recommendation").path("basis").path("en").asText().contains("interpolated"));
    }

    @Test
    @Order(2)
    void aDipOpensOneFindingJitterDoesNotFlapItARecoveryClosesIt() throws Exception {
        List<String> events = new ArrayList<>();
        double[] series = { 500, 460, 480, 462, 500, 470, 520 };
        for (int i = 0; i < series.length; i++) {
            Response r = dist.postAs(agentOfW1, "/api/environment/measurements", "application/json",
                    "[" + test(null, i, series[i]) + "]");
            assertEquals(200, r.status(), () -> "step: " + r);
            events.add(r.json().path("findingsOpened").size() + "/" + r.json().path("findingsClosed").size());
        }
        // Opens at 460 (< 466.5), stays open between 466.5 and 513.15 (110 %), closes at 520.
        assertEquals(List.of("0/0", "1/0", "0/0", "0/0", "0/0", "0/0", "0/1"), events);
        JsonNode findings = dist.json("/api/environment/findings?schoolId=W-1");
        assertEquals(1, findings.size(), () -> "findings: " + findings);
        JsonNode f = findings.get(0);
        assertEquals("460.0 520.0 200", f.path("openedMbps").asDouble() + " " + f.path("closedMbps").asDouble() + " "
                + f.path("daysToResolve").asLong(), () -> "finding: " + f);
        assertEquals("MEETS", status("W-1").path("state").asText());
        JsonNode summary = dist.json("/api/environment/findings/summary?schoolId=W-1");
        assertEquals("0 1 200.0", summary.path("open").asInt() + " " + summary.path("closed").asInt() + " "
                + summary.path("medianDaysToResolve").asDouble(), () -> "summary: " + summary);
        assertTrue(status("W-1").path("recommended").path("interpolated").asBoolean());

        Response note = dist.send("POST", "/api/environment/findings/" + f.path("id").asLong() + "/notes",
                "{\"kind\":\"COUNTERMEASURE\",\"text\":\"回線を1Gbpsに増速\"}");
        assertEquals(201, note.status(), () -> "note: " + note);
        assertEquals("COUNTERMEASURE", note.json().path("notes").get(0).path("kind").asText());
        String console = dist.console("network:status --findings");
        assertTrue(console.contains("W-1") && console.contains("200"), () -> "network:status --findings:\n" + console);
    }

    @Test
    @Order(3)
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        String before = dist.json("/api/environment/network/measurements?schoolId=W-1&from=2019-01-01T00:00:00Z").toString();
        E2e.problem(dist.postAs(agentOfW1, "/api/environment/measurements", "application/json",
                "[" + test(null, 1, 300).replace("CENTRE_LINK", "ROOF") + "]"), 400, "[0].point");
        E2e.problem(dist.postAs(agentOfW1, "/api/environment/measurements", "application/json",
                "[" + test(null, 1, 300) + "," + test("W-2", 1, 300) + "]"), 400, "[1].schoolId");
        E2e.problem(dist.postAs(agentOfW1, "/api/environment/measurements", "application/json",
                "[" + test(null, 1, -5) + "]"), 400, "[0].downloadMbps");
        E2e.problem(dist.post("/api/environment/measurements/import", "text/csv",
                "school_id,measured_at,download_mbps\nW-1,2025-06-02T10:00:00+09:00,300\nW-1,2025-06-02T11:00:00+09:00,-3\n"),
                400, "line 3.download_mbps");
        assertEquals(before, dist.json("/api/environment/network/measurements?schoolId=W-1&from=2019-01-01T00:00:00Z")
                .toString(), "nothing stored");
    }

    @Test
    @Order(4)
    void theFeatureComesAndGoesWithItsDataKept() throws Exception {
        String before = dist.json("/api/environment/findings?schoolId=W-1").toString();
        String uninstall = dist.console("feature:uninstall gigaplan-environment");
        await("environment to be gone (console said: " + uninstall.strip() + ")", TIMEOUT,
                () -> assertEquals(404, dist.get("/api/environment/findings").status()));
        assertEquals(200, dist.get("/api/training/checklist").status(), "the other modules run on");
        String install = dist.console("feature:install gigaplan-environment");
        await("environment to be back (console said: " + install.strip() + ")", TIMEOUT,
                () -> assertEquals(200, dist.get("/api/environment/findings").status()));
        assertEquals(before, dist.json("/api/environment/findings?schoolId=W-1").toString(), "data kept");
    }

    @Test
    @Order(5)
    void xapiStatementsPostedInABatchAreQueryableNeverShowTheLearnerAndCanBeErased() throws Exception {
        String v = "X-Experience-API-Version";
        String statement = """
                {"actor":{"mbox":"mailto:%s@w1.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/%s"},
                 "object":{"id":"https://drill.example/%s"},"result":{"score":{"scaled":%s}},
                 "context":{"extensions":{"https://drill.example/ext/class":"5-1"}},"timestamp":"%s"}""";
        String batch = "[" + statement.formatted("taro", "completed", "math/1", "0.8", "2025-06-02T10:00:00+09:00") + ","
                + statement.formatted("taro", "answered", "math/2", "0.5", "2025-06-03T10:00:00+09:00") + ","
                + statement.formatted("hanako", "completed", "math/1", "1.0", "2025-06-04T10:00:00+09:00") + "]";
        E2e.problem(dist.sendWithHeader(agentOfW1, "POST", "/api/environment/xapi/statements", batch, "X-Other", "x"), 400, v);
        Response posted = dist.sendWithHeader(agentOfW1, "POST", "/api/environment/xapi/statements", batch, v, "1.0.3");
        assertEquals(200, posted.status(), () -> "post: " + posted);
        assertEquals(3, posted.json().size());

        String taro = java.net.URLEncoder.encode("{\"mbox\":\"mailto:taro@w1.example\"}", java.nio.charset.StandardCharsets.UTF_8);
        Response all = dist.sendWithHeader(null, "GET", "/api/environment/xapi/statements?schoolId=W-1", null, v, "1.0.3");
        assertEquals(401, all.status(), "not for anonymous callers");
        JsonNode everything = dist.sendWithHeader("tester", "GET", "/api/environment/xapi/statements?schoolId=W-1", null,
                v, "1.0.3").json();
        assertEquals(3, everything.path("statements").size(), () -> "all: " + everything);
        assertFalse(everything.toString().contains("taro") || everything.toString().contains("hanako"),
                () -> "raw learner ids leaked: " + everything);
        JsonNode ofTaro = dist.sendWithHeader("tester", "GET", "/api/environment/xapi/statements?schoolId=W-1&agent=" + taro,
                null, v, "1.0.3").json();
        assertEquals(2, ofTaro.path("statements").size(), () -> "taro: " + ofTaro);
        JsonNode filtered = dist.sendWithHeader("tester", "GET", "/api/environment/xapi/statements?schoolId=W-1"
                + "&verb=http://adlnet.gov/expapi/verbs/completed&activity=https://drill.example/math/1"
                + "&since=2025-06-01T00:00:00Z", null, v, "1.0.3").json();
        assertEquals(2, filtered.path("statements").size(), () -> "filtered: " + filtered);
        // since and until are about when the LRS stored a Statement (xAPI), not when it happened.
        JsonNode before = dist.sendWithHeader("tester", "GET", "/api/environment/xapi/statements?schoolId=W-1"
                + "&until=2025-06-03T00:00:00Z", null, v, "1.0.3").json();
        assertEquals(0, before.path("statements").size(), () -> "stored before 2025-06-03: " + before);

        // The class's teacher sees activity and results per week and activity, counts only.
        JsonNode activity = dist.getAs("tester", "/api/environment/xapi/classes/5-1/activity?schoolId=W-1"
                + "&since=2025-05-01T00:00:00Z").json();
        assertEquals(2, activity.size(), () -> "class activity: " + activity);
        assertEquals("2025-06-02 2 2 0.9", activity.get(0).path("week").asText() + " " + activity.get(0).path("statements")
                .asInt() + " " + activity.get(0).path("learners").asInt() + " " + activity.get(0).path("meanScore").asDouble(),
                () -> "class activity: " + activity);
        Response erased = dist.sendAs("tester", "DELETE", "/api/environment/xapi/learners?agent=" + taro, "");
        assertEquals(200, erased.status(), () -> "erase: " + erased);
        assertEquals(2, erased.json().path("erased").asInt());
        assertTrue(erased.json().has("documents") && erased.json().path("documents").asInt() == 0,
                () -> "documents erased (none names taro): " + erased);
        assertEquals(1, dist.sendWithHeader("tester", "GET", "/api/environment/xapi/statements?schoolId=W-1", null, v,
                "1.0.3").json().path("statements").size(), "only hanako's statement is left");
        JsonNode summary = dist.json("/api/environment/xapi/summary?schoolId=W-1");
        assertTrue(summary.get(0).path("suppressed").asBoolean(), () -> "one learner: suppressed for the board: " + summary);
    }

    @Test
    @Order(6)
    void aLearnerReadsTheirOwnHistoryAndTeachersUseOfHistoriesIsTheIndicator() throws Exception {
        String v = "X-Experience-API-Version";
        String statement = """
                {"actor":{"mbox":"mailto:%s"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
                 "object":{"id":"https://drill.example/%s"},"result":{"score":{"scaled":%s}},
                 "context":{"extensions":{"https://drill.example/ext/class":"6-2"}},"timestamp":"%s"}""";
        String day = OffsetDateTime.now(ZoneOffset.ofHours(9)).minusDays(3).truncatedTo(ChronoUnit.HOURS).toString();
        String batch = "[" + statement.formatted(Distribution.LEARNER, "kanji/1", "0.9", day) + ","
                + statement.formatted(Distribution.LEARNER, "kanji/2", "0.7", day) + ","
                + statement.formatted("someone-else@e01.example", "kanji/1", "0.4", day) + "]";
        Response posted = dist.sendWithHeader("tester", "POST", "/api/environment/xapi/statements?schoolId=S-E01", batch, v,
                "1.0.3");
        assertEquals(200, posted.status(), () -> "post: " + posted);

        // The learner logs in with their e-mail address and sees their two statements, pseudonymous, nobody else's.
        JsonNode mine = dist.getAs(Distribution.LEARNER, "/api/environment/xapi/me").json();
        assertEquals(2, mine.path("statements").size(), () -> "own history: " + mine);
        assertFalse(mine.toString().contains("someone-else") || mine.toString().contains(Distribution.LEARNER),
                () -> "only pseudonyms: " + mine);
        assertEquals(2, mine.path("weeks").size(), () -> "one week, two activities: " + mine);
        assertEquals(0.9, mine.path("weeks").get(0).path("meanScore").asDouble(), () -> "kanji/1: " + mine);
        String pseudonym = mine.path("learner").asText();
        for (JsonNode s : mine.path("statements")) {
            assertEquals(pseudonym, s.path("actor").path("account").path("name").asText());
        }
        assertEquals(403, dist.getAs("school-a", "/api/environment/xapi/me").status(), "staff have the class view");
        // Demo mode's learner logs in with the address the demo drill recorded them by: twelve weeks of drills in
        // this fiscal year (FY2026 on the distribution's clock; demo mode fills FY2025 too).
        JsonNode demoLearner = dist.getAs("demo-s-e01-5-1-1@drill.example:demo",
                "/api/environment/xapi/me?since=2026-04-01T00:00:00%2B09:00").json();
        assertEquals(12, demoLearner.path("statements").size(), () -> "demo learner: " + demoLearner);
        assertEquals(403, dist.getAs(Distribution.LEARNER, "/api/environment/xapi/classes/6-2/activity").status(),
                "a learner never sees their class");
        E2e.problem(dist.getAs(Distribution.LEARNER, "/api/environment/xapi/me?limit=5000"), 400, "limit");

        // Teacher A01 opens the class's history: counted as their use this week, beside the teachers' reports.
        JsonNode activity = dist.getAs("teacher-a", "/api/environment/xapi/classes/6-2/activity").json();
        assertEquals(2, activity.size(), () -> "class view: " + activity);
        JsonNode school = dist.getAs("school-a", "/api/environment/learning-history/schools/S-E01/uses").json();
        JsonNode lastWeek = school.path("opened").get(school.path("opened").size() - 1);
        assertEquals(1, lastWeek.path("teachers").asInt(), () -> "opened this week: " + school);

        // Five teachers of W-2 report for FY2025 (the action plan's year); two use learning histories weekly: 40 %, in
        // the module view and the progress.
        String reports = """
                [{"teacherId":"T01","fiscalYear":%1$d,"frequency":"DAILY"},
                 {"teacherId":"T02","fiscalYear":%1$d,"frequency":"weekly"},
                 {"teacherId":"T03","fiscalYear":%1$d,"frequency":"MONTHLY"},
                 {"teacherId":"T04","fiscalYear":%1$d,"frequency":"RARELY"},
                 {"teacherId":"T05","fiscalYear":%1$d,"frequency":"NEVER"}]""";
        int fy = 2025;
        E2e.problem(dist.post("/api/environment/learning-history/schools/W-2/uses", "application/json",
                reports.formatted(fy).replace("NEVER", "SOMETIMES")), 400, "[4].frequency");
        assertEquals(0, dist.json("/api/environment/learning-history/schools/W-2/uses?fiscalYear=2025").path("teachers").asInt(),
                "nothing stored");
        Response stored = dist.post("/api/environment/learning-history/schools/W-2/uses", "application/json",
                reports.formatted(fy));
        assertEquals(200, stored.status(), () -> "reports: " + stored);
        JsonNode use = dist.json("/api/environment/learning-history/schools/W-2/uses?fiscalYear=2025");
        assertEquals(40.0, use.path("weeklyShare").asDouble(), () -> "W-2: " + use);
        JsonNode indicator = E2e.indicator(dist.json("/api/progress?fiscalYear=2025&school=W-2&fiscalYear=2025"),
                "environment.learning-history");
        assertEquals(40.0, indicator.path("value").asDouble(), () -> "progress: " + indicator);
        assertEquals(5, indicator.path("sampleSize").asInt(), () -> "progress: " + indicator);
    }

    /** A stock agent's output posted as it is: Ookla's JSON, its bandwidth in bytes per second, at night. */
    @Test
    @Order(7)
    void aStockAgentsOutputIsTakenAsItIs() throws Exception {
        String ookla = "{\"type\":\"result\",\"timestamp\":\"2025-06-03T12:30:00Z\",\"ping\":{\"jitter\":0.8,"
                + "\"latency\":7.9},\"download\":{\"bandwidth\":59375000,\"bytes\":712500000,\"elapsed\":12000},"
                + "\"upload\":{\"bandwidth\":12500000,\"bytes\":150000000,\"elapsed\":12000},\"isp\":\"Example\","
                + "\"server\":{\"id\":1,\"name\":\"Sendai\"},\"result\":{\"id\":\"abc\"}}";
        Response r = dist.postAs(agentOfW1, "/api/environment/measurements/agent", "application/json", ookla);
        assertEquals(200, r.status(), r::toString);
        assertEquals(1, r.json().path("measurements").asInt());
        JsonNode stored = dist.json("/api/environment/network/measurements?schoolId=W-1&from=2025-06-03T12:00:00Z"
                + "&to=2025-06-03T13:00:00Z");
        assertTrue(stored.toString().contains("475.0") && stored.toString().contains("\"classHours\":false")
                && stored.toString().contains("UPSTREAM"), stored::toString);
        E2e.problem(dist.postAs(agentOfW1, "/api/environment/measurements/agent", "application/json",
                "{\"hello\":1}"), 400, "body");
    }

    /**
     * Speedtest Tracker can be given a URL but not a header: a school's staff make a webhook URL, the agent posts its
     * webhook to it without credentials, and once revoked the URL answers 404. Another school's staff cannot revoke it.
     */
    @Test
    @Order(8)
    void aSchoolsWebhookTakesSpeedtestTrackerUntilRevoked() throws Exception {
        Response made = dist.postAs("school-a", "/api/environment/webhooks", "application/json",
                "{\"label\":\"職員室の Speedtest Tracker\"}");
        assertEquals(201, made.status(), made::toString);
        String url = made.json().path("url").asText();
        assertTrue(url.matches("http://.+/api/environment/measurements/hook/gph_[A-Za-z0-9_-]{43}"), url);
        String path = url.substring(url.indexOf("/api/"));
        long id = made.json().path("webhook").path("id").asLong();
        String tracker = "{\"result_id\":7,\"site_name\":\"Speedtest Tracker\",\"server_name\":\"Sendai\","
                + "\"isp\":\"Example\",\"ping\":8.5,\"download\":412500000,\"upload\":98000000,\"packet_loss\":0}";
        Response posted = dist.postAs(null, path, "application/json", tracker);
        assertEquals(200, posted.status(), posted::toString);
        assertEquals(1, posted.json().path("measurements").asInt());
        JsonNode hooks = dist.getAs("school-a", "/api/environment/webhooks").json();
        assertEquals(id, hooks.get(0).path("id").asLong(), hooks::toString);
        assertTrue(!hooks.get(0).path("lastUsedAt").isNull(), hooks::toString);
        assertTrue(!hooks.toString().contains("gph_"), "the secret is shown once: " + hooks);
        // The platform runs as on Distribution.TODAY: the webhook carries no time, so the test is stored as of now there.
        JsonNode stored = dist.json("/api/environment/network/measurements?schoolId=S-E01&from="
                + Distribution.TODAY.minusDays(1) + "T00:00:00Z&to=" + Distribution.TODAY.plusDays(1) + "T23:59:59Z");
        assertTrue(stored.toString().contains("412.5"), stored::toString);
        assertEquals(403, dist.sendAs("school-b", "DELETE", "/api/environment/webhooks/" + id, "").status());
        Response revoked = dist.sendAs("school-a", "DELETE", "/api/environment/webhooks/" + id, "");
        assertEquals(200, revoked.status(), revoked::toString);
        assertEquals(404, dist.postAs(null, path, "application/json", tracker).status());
        assertEquals(404, dist.postAs(null, "/api/environment/measurements/hook/gph_guessed", "application/json",
                tracker).status());
    }

    /**
     * The LRS as an xAPI client uses it: /about without credentials, the school's agent key as HTTP Basic (the key's
     * id as user, its secret as password), a Statement PUT with its id and read back by it, the same posted again
     * taken, other content under its id refused (409), voiding, paging through {@code more}, and the consistent-through
     * header. The learner stays a pseudonym (the default).
     */
    @Test
    @Order(9)
    void anLrsClientPutsReadsVoidsAndPagesStatementsWithBasicAuth() throws Exception {
        String v = "X-Experience-API-Version";
        Response about = dist.sendWithHeader(null, "GET", "/api/environment/xapi/about", null, v, "1.0.3");
        assertEquals(200, about.status(), about::toString);
        assertTrue(about.json().path("version").toString().contains("1.0.3"), about::toString);
        String id = agentOfW1.substring(0, 20);
        String secret = agentOfW1.substring(21);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((id + ":" + secret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String statementId = "7d1e9c2a-3b4f-4a5e-8d6c-9f0a1b2c3d4e";
        String statement = "{\"actor\":{\"mbox\":\"mailto:kaito@w1.example\"},\"verb\":{\"id\":"
                + "\"http://adlnet.gov/expapi/verbs/completed\",\"display\":{\"ja\":\"完了\"}},\"object\":{\"id\":"
                + "\"https://drill.example/kokugo/1\"},\"result\":{\"score\":{\"raw\":7,\"min\":0,\"max\":10}}}";
        java.util.function.BiFunction<String, String, java.net.http.HttpRequest.Builder> lrs = (method, path) ->
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(dist.baseUrl() + path)).header(v, "1.0.3")
                        .header("Authorization", basic).header("Content-Type", "application/json");
        Response put = dist.raw(lrs.apply("PUT", "").method("PUT", java.net.http.HttpRequest.BodyPublishers
                .ofString(statement)).uri(java.net.URI.create(dist.baseUrl() + "/api/environment/xapi/statements?statementId="
                        + statementId)));
        assertEquals(204, put.status(), put::toString);
        assertEquals("1.0.3", put.header(v));
        Response one = dist.raw(lrs.apply("GET", "/api/environment/xapi/statements?statementId=" + statementId).GET());
        assertEquals(200, one.status(), one::toString);
        assertEquals("完了", one.json().path("verb").path("display").path("ja").asText(), one::toString);
        assertEquals(7, one.json().path("result").path("score").path("raw").asInt(), one::toString);
        assertFalse(one.body().contains("kaito"), "the learner is a pseudonym: " + one);
        assertTrue(one.header("X-Experience-API-Consistent-Through") != null, one::toString);
        assertEquals(200, dist.raw(lrs.apply("POST", "/api/environment/xapi/statements").POST(java.net.http.HttpRequest
                .BodyPublishers.ofString(statement.replace("{\"actor\"", "{\"id\":\"" + statementId + "\",\"actor\""))))
                .status(), "the same Statement again is taken");
        Response conflict = dist.raw(lrs.apply("PUT", "").method("PUT", java.net.http.HttpRequest.BodyPublishers
                .ofString(statement.replace("\"raw\":7", "\"raw\":9"))).uri(java.net.URI.create(dist.baseUrl()
                        + "/api/environment/xapi/statements?statementId=" + statementId)));
        assertEquals(409, conflict.status(), conflict::toString);
        String voiding = "{\"actor\":{\"mbox\":\"mailto:teacher@w1.example\"},\"verb\":{\"id\":"
                + "\"http://adlnet.gov/expapi/verbs/voided\"},\"object\":{\"objectType\":\"StatementRef\",\"id\":\""
                + statementId + "\"}}";
        assertEquals(200, dist.raw(lrs.apply("POST", "/api/environment/xapi/statements").POST(java.net.http.HttpRequest
                .BodyPublishers.ofString(voiding))).status());
        assertEquals(404, dist.raw(lrs.apply("GET", "/api/environment/xapi/statements?statementId=" + statementId).GET())
                .status());
        assertEquals(200, dist.raw(lrs.apply("GET", "/api/environment/xapi/statements?voidedStatementId=" + statementId)
                .GET()).status());
        Response both = dist.raw(lrs.apply("GET", "/api/environment/xapi/statements?statementId=" + statementId
                + "&verb=http://adlnet.gov/expapi/verbs/voided").GET());
        assertEquals(400, both.status(), "one Statement or a query, not both");
        assertEquals("1.0.3", both.header(v), "xAPI's headers on errors too");
        assertTrue(both.header("X-Experience-API-Consistent-Through") != null, both::toString);
        E2e.problem(dist.raw(lrs.apply("GET", "/api/environment/xapi/statements?statementID=" + statementId).GET()), 400,
                "statementID");
        // Paging: one a page, following more to the end.
        List<String> seen = new ArrayList<>();
        String next = "/api/environment/xapi/statements?limit=1";
        for (int pages = 0; !next.isEmpty() && pages < 20; pages++) {
            JsonNode page = dist.raw(lrs.apply("GET", next).GET()).json();
            page.path("statements").forEach(s -> seen.add(s.path("id").asText()));
            next = page.path("more").asText();
        }
        assertTrue(seen.size() >= 2 && seen.size() == new java.util.HashSet<>(seen).size(), seen::toString);
        assertEquals(401, dist.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(dist.baseUrl()
                + "/api/environment/xapi/statements")).header(v, "1.0.3").header("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((id + ":wrong").getBytes())).GET()).status());
    }

    /**
     * The LRS's documents: a State put, read back with its ETag, merged by POST, listed and deleted; an Activity
     * Profile's concurrency (409 without If-Match over an existing one, 412 on a stale ETag); an Agent Profile; the
     * Activities and Agents resources.
     */
    @Test
    @Order(10)
    void anLrsClientKeepsStatesAndProfilesWithEtags() throws Exception {
        String v = "X-Experience-API-Version";
        String agent = java.net.URLEncoder.encode("{\"mbox\":\"mailto:kaito@w1.example\"}",
                java.nio.charset.StandardCharsets.UTF_8);
        String activity = "https://drill.example/kokugo/1";
        String state = "/api/environment/xapi/activities/state?activityId=" + activity + "&agent=" + agent
                + "&stateId=bookmark";
        java.util.function.Function<String, java.net.http.HttpRequest.Builder> lrs = path -> java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(dist.baseUrl() + path)).header(v, "1.0.3")
                .header("Authorization", "Bearer " + agentOfW1).header("Content-Type", "application/json");
        java.util.function.Function<String, java.net.http.HttpRequest.BodyPublisher> json =
                java.net.http.HttpRequest.BodyPublishers::ofString;
        assertEquals(204, dist.raw(lrs.apply(state).PUT(json.apply("{\"page\":3,\"font\":\"large\"}"))).status());
        Response read = dist.raw(lrs.apply(state).GET());
        assertEquals(200, read.status(), read::toString);
        assertEquals(3, read.json().path("page").asInt());
        assertTrue(read.header("ETag") != null && read.header("ETag").startsWith("\""), read::toString);
        assertEquals(204, dist.raw(lrs.apply(state).POST(json.apply("{\"page\":4}"))).status());
        JsonNode merged = dist.raw(lrs.apply(state).GET()).json();
        assertEquals(4, merged.path("page").asInt(), merged::toString);
        assertEquals("large", merged.path("font").asText(), "merged one level deep: " + merged);
        JsonNode ids = dist.raw(lrs.apply(state.replace("&stateId=bookmark", "")).GET()).json();
        assertEquals("[\"bookmark\"]", ids.toString());
        assertEquals(204, dist.raw(lrs.apply(state).DELETE()).status());
        assertEquals(404, dist.raw(lrs.apply(state).GET()).status());
        E2e.problem(dist.raw(lrs.apply(state.replace("agent=", "agentx=")).GET()), 400, "agentx");

        String profile = "/api/environment/xapi/activities/profile?activityId=" + activity + "&profileId=settings";
        assertEquals(204, dist.raw(lrs.apply(profile).header("If-None-Match", "*").PUT(json.apply("{\"a\":1}")))
                .status());
        String etag = dist.raw(lrs.apply(profile).GET()).header("ETag");
        assertEquals(409, dist.raw(lrs.apply(profile).PUT(json.apply("{\"a\":2}"))).status(),
                "over an existing profile without If-Match");
        assertEquals(412, dist.raw(lrs.apply(profile).header("If-Match", "\"0000\"").PUT(json.apply("{\"a\":2}")))
                .status());
        assertEquals(412, dist.raw(lrs.apply(profile).header("If-None-Match", "*").PUT(json.apply("{\"a\":2}")))
                .status());
        assertEquals(204, dist.raw(lrs.apply(profile).header("If-Match", etag).PUT(json.apply("{\"a\":2}")))
                .status());
        String agentProfile = "/api/environment/xapi/agents/profile?agent=" + agent + "&profileId=prefs";
        assertEquals(204, dist.raw(lrs.apply(agentProfile).setHeader("Content-Type", "text/plain; charset=UTF-8")
                .header("If-None-Match", "*")
                .PUT(json.apply("ふりがな"))).status());
        Response text = dist.raw(lrs.apply(agentProfile).GET());
        assertEquals("ふりがな", text.body());
        assertTrue(text.contentType().startsWith("text/plain"), text::toString);
        JsonNode person = dist.raw(lrs.apply("/api/environment/xapi/agents?agent=" + agent).GET()).json();
        assertEquals("Person", person.path("objectType").asText(), person::toString);
        assertEquals("mailto:kaito@w1.example", person.path("mbox").get(0).asText(), person::toString);
        JsonNode act = dist.raw(lrs.apply("/api/environment/xapi/activities?activityId=" + activity).GET()).json();
        assertEquals(activity, act.path("id").asText(), act::toString);
    }

    /**
     * Statements with attachments as an LRS client sends them (multipart/mixed: the Statement, then the attachment's
     * bytes named by their SHA-256) and reads them back ({@code attachments=true}); a request of another type is
     * refused (400). The alternate request syntax: a form POSTed with {@code ?method=PUT} carrying the credentials,
     * the version header and the Statement is the PUT it stands for.
     */
    @Test
    @Order(11)
    void anLrsClientPostsAttachmentsAndUsesTheAlternateRequestSyntax() throws Exception {
        String v = "X-Experience-API-Version";
        byte[] note = "5年1組 分数のまとめ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha2 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(note));
        String id = "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b";
        String statement = "{\"id\":\"" + id + "\",\"actor\":{\"mbox\":\"mailto:hana@w1.example\"},\"verb\":{\"id\":"
                + "\"http://adlnet.gov/expapi/verbs/completed\"},\"object\":{\"id\":\"https://drill.example/sansu/3\"},"
                + "\"attachments\":[{\"usageType\":\"http://example.com/usage/note\",\"display\":{\"ja-JP\":\"ノート\"},"
                + "\"contentType\":\"text/plain; charset=utf-8\",\"length\":" + note.length + ",\"sha2\":\"" + sha2
                + "\"}]}";
        String boundary = "e2e-314159";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + statement + "\r\n--" + boundary
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\n"
                + "X-Experience-API-Hash: " + sha2 + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(note);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.function.Function<String, java.net.http.HttpRequest.Builder> lrs = path -> java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(dist.baseUrl() + path)).header(v, "1.0.3")
                .header("Authorization", "Bearer " + agentOfW1);
        Response json = dist.raw(lrs.apply("/api/environment/xapi/statements").header("Content-Type",
                "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(statement)));
        E2e.problem(json, 400, "attachments[0].sha2");
        Response posted = dist.raw(lrs.apply("/api/environment/xapi/statements").header("Content-Type",
                "multipart/mixed; boundary=" + boundary).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        body.toByteArray())));
        assertEquals(200, posted.status(), posted::toString);
        Response back = dist.raw(lrs.apply("/api/environment/xapi/statements?attachments=true&statementId=" + id)
                .GET());
        assertEquals(200, back.status(), back::toString);
        assertTrue(back.contentType().startsWith("multipart/mixed") && back.contentType().contains("boundary="), back::toString);
        assertTrue(back.body().indexOf(id) < back.body().indexOf("分数のまとめ"), "the Statement first: " + back);
        assertTrue(back.body().contains("X-Experience-API-Hash: " + sha2), back::toString);
        Response plain = dist.raw(lrs.apply("/api/environment/xapi/statements?statementId=" + id).GET());
        assertTrue(plain.isJson() && !plain.body().contains("分数のまとめ"), plain::toString);
        E2e.problem(dist.raw(lrs.apply("/api/environment/xapi/statements").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(statement))), 400, "Content-Type");
        // The alternate request syntax: everything in the form, the credentials too.
        String altId = "5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c";
        String form = java.util.stream.Stream.of(
                new String[] { "statementId", altId },
                new String[] { "Authorization", "Bearer " + agentOfW1 },
                new String[] { v, "1.0.3" },
                new String[] { "content", "{\"actor\":{\"mbox\":\"mailto:hana@w1.example\"},\"verb\":{\"id\":"
                        + "\"http://adlnet.gov/expapi/verbs/experienced\"},\"object\":{\"id\":\"https://drill.example/a\"}}" })
                .map(p -> java.net.URLEncoder.encode(p[0], java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(p[1], java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        java.util.function.Function<String, java.net.http.HttpRequest.Builder> anonymous = path -> java.net.http
                .HttpRequest.newBuilder(java.net.URI.create(dist.baseUrl() + path)).header("Content-Type",
                        "application/x-www-form-urlencoded");
        Response alternate = dist.raw(anonymous.apply("/api/environment/xapi/statements?method=PUT").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(204, alternate.status(), alternate::toString);
        assertEquals(200, dist.raw(lrs.apply("/api/environment/xapi/statements?statementId=" + altId).GET()).status());
        E2e.problem(dist.raw(anonymous.apply("/api/environment/xapi/statements?method=PUT&statementId=" + altId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))), 400, "statementId");
        assertEquals(401, dist.raw(anonymous.apply("/api/environment/xapi/statements?method=GET").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("limit=1"))).status(), "no credentials in the form");
    }

    /**
     * xAPI 2.0 (IEEE 9274.1.1) beside 1.0.3: a client that says 2.0.0 is answered in 2.0.0, its Statement may carry
     * contextAgents and keeps version 2.0.0, a single Statement comes with Last-Modified (its stored time), a State
     * that exists is not replaced without a concurrency header, and the alternate request syntax (1.0's) is refused.
     */
    @Test
    @Order(12)
    void anXapi2ClientIsAnsweredInItsVersion() throws Exception {
        String v = "X-Experience-API-Version";
        java.util.function.Function<String, java.net.http.HttpRequest.Builder> lrs = path -> java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(dist.baseUrl() + path)).header(v, "2.0.0")
                .header("Authorization", "Bearer " + agentOfW1).header("Content-Type", "application/json");
        assertTrue(dist.raw(lrs.apply("/api/environment/xapi/about").GET()).json().path("version").toString()
                .contains("2.0.0"));
        String id = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
        Response posted = dist.raw(lrs.apply("/api/environment/xapi/statements").POST(java.net.http.HttpRequest
                .BodyPublishers.ofString("{\"id\":\"" + id + "\",\"actor\":{\"mbox\":\"mailto:hana@w1.example\"},"
                        + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},\"object\":{\"id\":"
                        + "\"https://drill.example/sansu/4\"},\"context\":{\"contextAgents\":[{\"objectType\":"
                        + "\"contextAgent\",\"agent\":{\"mbox\":\"mailto:sensei@w1.example\"}}]}}")));
        assertEquals(200, posted.status(), posted::toString);
        assertEquals("2.0.0", posted.header(v));
        Response one = dist.raw(lrs.apply("/api/environment/xapi/statements?statementId=" + id).GET());
        assertEquals("2.0.0", one.json().path("version").asText(), one::toString);
        assertEquals(java.time.Instant.parse(one.json().path("stored").asText()).getEpochSecond(),
                java.time.ZonedDateTime.parse(one.header("Last-Modified"), java.time.format.DateTimeFormatter
                        .RFC_1123_DATE_TIME).toEpochSecond(), one::toString);
        Response old = dist.raw(lrs.apply("/api/environment/xapi/statements").setHeader(v, "1.0.3").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"actor\":{\"mbox\":\"mailto:hana@w1.example\"},"
                        + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},\"object\":{\"id\":"
                        + "\"https://drill.example/sansu/4\"},\"version\":\"2.0.0\"}")));
        assertEquals(400, old.status(), "a 1.0.3 client's Statement is 1.0.x: " + old);
        assertEquals("1.0.3", old.header(v));
        String state = "/api/environment/xapi/activities/state?activityId=https://drill.example/sansu/4&agent="
                + java.net.URLEncoder.encode("{\"mbox\":\"mailto:hana@w1.example\"}", java.nio.charset.StandardCharsets.UTF_8)
                + "&stateId=progress";
        assertEquals(204, dist.raw(lrs.apply(state).PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"p\":1}")))
                .status());
        assertEquals(409, dist.raw(lrs.apply(state).PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"p\":2}")))
                .status(), "2.0 guards a State that exists");
        Response alternate = dist.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(dist.baseUrl()
                + "/api/environment/xapi/statements?method=GET")).header(v, "2.0.0").header("Authorization", "Bearer "
                        + agentOfW1).header("Content-Type", "application/x-www-form-urlencoded").POST(
                                java.net.http.HttpRequest.BodyPublishers.ofString("limit=1")));
        E2e.problem(alternate, 400, "method");
    }
}
