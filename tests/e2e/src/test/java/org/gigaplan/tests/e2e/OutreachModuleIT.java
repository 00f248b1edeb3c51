package org.gigaplan.tests.e2e;

import static org.gigaplan.tests.e2e.Distribution.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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
 * Policy 4 (the outreach module) on the built distribution: a draft is invisible to families until published, a
 * script in a post never reaches a reader live (JSON or Atom), parent-meeting compliance is right on both sides of
 * the fiscal year's end, bad input stores nothing, and the feature comes and goes with its data kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutreachModuleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SCRIPT = "<script>alert('x')</script>";

    private static Distribution dist;
    private static long postId;

    @BeforeAll
    static void startDistribution() throws Exception {
        dist = Distribution.unpack(Path.of(E2e.property("gigaplan.e2e.distribution")),
                Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("outreach"));
        dist.start();
        Distribution.awaitDemoFills(dist);
        Response imported = dist.post("/api/schools/import", "text/csv", """
                id,name_ja,name_en,type,enrollment,classes
                R-1,広報テスト小学校,Outreach Test Elementary,ELEMENTARY,300,12
                R-2,広報テスト中学校,Outreach Test Junior High,JUNIOR_HIGH,400,12
                R-3,広報テスト分校,Outreach Test Branch,ELEMENTARY,30,2
                """);
        assertEquals(200, imported.status(), () -> "import: " + imported);
    }

    @AfterAll
    static void stopDistribution() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    private static List<Long> publicIds() throws Exception {
        Response r = dist.getAs(null, "/api/outreach/site/posts?limit=500");
        assertEquals(200, r.status(), () -> "public list: " + r);
        List<Long> ids = new ArrayList<>();
        r.json().path("items").forEach(p -> ids.add(p.path("id").asLong()));
        return ids;
    }

    @Test
    @Order(1)
    void aDraftIsInvisibleToFamiliesUntilPublishedAndAScriptNeverReachesThem() throws Exception {
        String body = "{\"title\":\"端末の持ち帰り（e2e）\",\"format\":\"MARKDOWN\",\"category\":\"NEWS\",\"audience\":\"FAMILIES\","
                + "\"lang\":\"ja\",\"body\":\"**家庭学習**で使います。" + SCRIPT.replace("'", "\\u0027") + "\"}";
        Response created = dist.post("/api/outreach/posts", "application/json", body);
        assertEquals(201, created.status(), () -> "create: " + created);
        postId = created.json().path("id").asLong();
        assertEquals("DRAFT", created.json().path("status").asText());

        // Families see nothing of a draft: not in the list, not by id, not in the feed.
        assertFalse(publicIds().contains(postId));
        assertEquals(404, dist.getAs(null, "/api/outreach/site/posts/" + postId).status());
        assertFalse(dist.getAs(null, "/api/outreach/site/feed").body().contains("e2e"));
        assertEquals(401, dist.getAs(null, "/api/outreach/posts/" + postId).status(), "the board's view needs a login");
        assertEquals(403, dist.getAs("school-a", "/api/outreach/posts/" + postId).status(), "and the board's role");

        E2e.problem(dist.post("/api/outreach/posts/" + postId + "/status", "application/json", "{\"status\":\"PUBLISHED\"}"),
                409, null);
        assertEquals(200, dist.post("/api/outreach/posts/" + postId + "/status", "application/json",
                "{\"status\":\"REVIEW\"}").status());
        assertFalse(publicIds().contains(postId), "in review: still not public");
        Response published = dist.post("/api/outreach/posts/" + postId + "/status", "application/json",
                "{\"status\":\"PUBLISHED\",\"note\":\"確認済み\"}");
        assertEquals(200, published.status(), () -> "publish: " + published);
        assertEquals(List.of("CREATED", "SUBMITTED", "PUBLISHED"), actions(published.json()));

        assertTrue(publicIds().contains(postId), "published: public");
        Response one = dist.getAs(null, "/api/outreach/site/posts/" + postId);
        assertEquals(200, one.status(), () -> "public post: " + one);
        String html = one.json().path("html").asText();
        assertTrue(html.contains("<strong>家庭学習</strong>"), () -> "rendered: " + html);
        assertFalse(html.contains("<script"), () -> "a live script reached a reader: " + html);
        assertTrue(html.contains("&lt;script&gt;"), () -> "shown as text: " + html);
        assertFalse(one.body().contains("\"body\""), () -> "the source is the board's: " + one);

        Response feed = dist.getAs(null, "/api/outreach/site/feed?lang=ja");
        assertEquals(200, feed.status(), () -> "feed: " + feed);
        assertTrue(feed.contentType().startsWith("application/atom+xml"), () -> "feed: " + feed);
        assertTrue(feed.body().contains("<title>端末の持ち帰り（e2e）</title>"), () -> "feed: " + feed.body());
        assertFalse(feed.body().contains("<script"), () -> "a live script in the feed: " + feed.body());
        assertTrue(feed.body().contains("&amp;lt;script&amp;gt;"), "the body is escaped HTML inside the feed");

        // A scheduled post waits for its time; an archived one leaves the site.
        Response later = dist.post("/api/outreach/posts", "application/json", "{\"title\":\"来月のお知らせ\","
                + "\"category\":\"EVENT\",\"audience\":\"ALL\",\"body\":\"来月\"}");
        long laterId = later.json().path("id").asLong();
        dist.post("/api/outreach/posts/" + laterId + "/status", "application/json", "{\"status\":\"REVIEW\"}");
        Response scheduled = dist.post("/api/outreach/posts/" + laterId + "/status", "application/json",
                "{\"status\":\"PUBLISHED\",\"publishAt\":\"2099-01-01T09:00:00+09:00\"}");
        assertEquals(List.of("CREATED", "SUBMITTED", "SCHEDULED"), actions(scheduled.json()));
        assertFalse(publicIds().contains(laterId), "scheduled: not yet");
        assertEquals(200, dist.post("/api/outreach/posts/" + postId + "/status", "application/json",
                "{\"status\":\"ARCHIVED\"}").status());
        assertFalse(publicIds().contains(postId), "archived: gone from the site");
        assertEquals(200, dist.get("/api/outreach/posts/" + postId).status(), "kept for the board");
    }

    private static List<String> actions(JsonNode post) {
        List<String> out = new ArrayList<>();
        post.path("history").forEach(e -> out.add(e.path("action").asText()));
        return out;
    }

    @Test
    @Order(2)
    void parentMeetingComplianceAroundTheEndOfTheFiscalYear() throws Exception {
        String meeting = "[{\"heldOn\":\"%s\",\"audience\":\"全校保護者会\",\"topics\":[\"授業でのICT活用\"],\"attendees\":80}]";
        assertEquals(200, dist.post("/api/outreach/schools/R-1/parent-meetings", "application/json",
                meeting.formatted("2026-03-31")).status());
        assertEquals(200, dist.post("/api/outreach/schools/R-2/parent-meetings", "application/json",
                meeting.formatted("2026-04-01")).status());

        JsonNode lastDay = dist.json("/api/outreach/meetings/parent/compliance?date=2026-03-31");
        assertEquals(2025, lastDay.path("fiscalYear").asInt());
        assertEquals(1, lastDay.path("daysLeft").asInt(), () -> "March 31: " + lastDay);
        assertEquals(List.of("R-2", "R-3"), ours(lastDay), () -> "March 31: " + lastDay);
        JsonNode firstDay = dist.json("/api/outreach/meetings/parent/compliance?date=2026-04-01");
        assertEquals(2026, firstDay.path("fiscalYear").asInt());
        assertEquals(365, firstDay.path("daysLeft").asInt(), () -> "April 1: " + firstDay);
        assertEquals(List.of("R-1", "R-3"), ours(firstDay), () -> "April 1: R-1's meeting was last year's: " + firstDay);
        E2e.problem(dist.get("/api/outreach/meetings/parent/compliance?fiscalYear=2025&date=2026-04-01"), 400, "date");

        // The school's own progress says the same; the console lists the schools not yet done.
        JsonNode r1 = E2e.indicator(dist.json("/api/progress?fiscalYear=2025&school=R-1&fiscalYear=2025"), "outreach.parent-meeting");
        assertEquals(100.0, r1.path("value").asDouble(), () -> "R-1 FY2025: " + r1);
        JsonNode r2 = E2e.indicator(dist.json("/api/progress?fiscalYear=2025&school=R-2&fiscalYear=2025"), "outreach.parent-meeting");
        assertEquals(0.0, r2.path("value").asDouble(), () -> "R-2 FY2025: " + r2);
        String console = dist.console("outreach:compliance --date 2026-04-01 --lang en");
        assertTrue(console.contains("Outreach Test Elementary") && console.contains("Outreach Test Branch")
                && !console.contains("Outreach Test Junior High"),
                () -> "outreach:compliance:\n" + console);
        assertTrue(console.contains("365 days left"), () -> "outreach:compliance:\n" + console);

        // A school records and reads its own meetings only.
        assertEquals(403, dist.postAs("school-a", "/api/outreach/schools/R-3/parent-meetings", "application/json",
                meeting.formatted("2026-04-02")).status());
        assertEquals(200, dist.postAs("school-a", "/api/outreach/schools/S-E01/staff-meetings", "application/json",
                "[{\"heldOn\":\"2026-05-12\",\"topics\":[\"授業支援ソフトの事例\"],\"planItems\":[\"P4-S1\"]}]").status());
        JsonNode staff = dist.json("/api/outreach/meetings/staff?fiscalYear=2026");
        assertTrue(staff.toString().contains("\"schoolId\":\"S-E01\""), () -> "staff counts: " + staff);
    }

    private static List<String> ours(JsonNode compliance) {
        List<String> out = new ArrayList<>();
        compliance.path("notYet").forEach(m -> {
            if (m.path("schoolId").asText().startsWith("R-")) {
                out.add(m.path("schoolId").asText());
            }
        });
        return out;
    }

    @Test
    @Order(3)
    void badInputIsRefusedAndNothingStored() throws Exception {
        long before = dist.json("/api/outreach/posts?limit=500").path("total").asLong();
        E2e.problem(dist.post("/api/outreach/posts", "application/json", "{\"title\":\"<b>x</b>\",\"category\":\"NEWS\","
                + "\"audience\":\"ALL\",\"body\":\"b\"}"), 400, "title");
        E2e.problem(dist.post("/api/outreach/posts", "application/json", "{\"title\":\"t\",\"category\":\"GOSSIP\","
                + "\"audience\":\"ALL\",\"body\":\"b\",\"lang\":\"fr\"}"), 400, "lang");
        assertEquals(before, dist.json("/api/outreach/posts?limit=500").path("total").asLong(), "no post stored");
        E2e.problem(dist.getAs(null, "/api/outreach/site/posts?lang=xx"), 400, "lang");
        E2e.problem(dist.post("/api/outreach/posts/" + postId + "/status", "application/json",
                "{\"status\":\"DRAFT\",\"publishAt\":\"soon\"}"), 400, "publishAt");

        String meetings = dist.json("/api/outreach/schools/R-3/parent-meetings?fiscalYear=2026").toString();
        E2e.problem(dist.post("/api/outreach/schools/R-3/parent-meetings", "application/json",
                "[{\"heldOn\":\"2026-05-01\",\"topics\":[\"説明\"]},{\"heldOn\":\"2099-05-01\",\"topics\":[\"説明\"]}]"),
                400, "[1].heldOn");
        E2e.problem(dist.post("/api/outreach/schools/R-3/staff-meetings", "application/json",
                "[{\"heldOn\":\"2026-05-01\",\"topics\":[\"説明\"],\"planItems\":[\"P9-Z9\"]}]"), 400, "[0].planItems[0]");
        assertEquals(meetings, dist.json("/api/outreach/schools/R-3/parent-meetings?fiscalYear=2026").toString(),
                "nothing stored");
    }

    @Test
    @Order(4)
    void theFeatureComesAndGoesWithItsDataKept() throws Exception {
        String before = dist.json("/api/outreach/schools/R-1/parent-meetings?fiscalYear=2025").toString();
        List<Long> published = publicIds();
        String uninstall = dist.console("feature:uninstall gigaplan-outreach");
        await("outreach to be gone (console said: " + uninstall.strip() + ")", TIMEOUT,
                () -> assertEquals(404, dist.getAs(null, "/api/outreach/site/posts").status()));
        assertEquals(200, dist.get("/api/environment/findings").status(), "the other modules run on");
        assertEquals("NO_MODULE", E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), "outreach.parent-meeting").path("status")
                .asText());
        String install = dist.console("feature:install gigaplan-outreach");
        await("outreach to be back (console said: " + install.strip() + ")", TIMEOUT,
                () -> assertEquals(200, dist.getAs(null, "/api/outreach/site/posts").status()));
        assertEquals(before, dist.json("/api/outreach/schools/R-1/parent-meetings?fiscalYear=2025").toString(),
                "meetings kept");
        assertEquals(published, publicIds(), "posts kept");
    }
}
