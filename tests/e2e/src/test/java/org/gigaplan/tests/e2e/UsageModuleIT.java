package org.gigaplan.tests.e2e;

import static org.gigaplan.tests.e2e.Distribution.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
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
 * Policy 1 (the usage module) on the built distribution: a week of check-ins (JSON and CSV) and classroom-software
 * events for several schools gives the attainment a hand computation gives; the reminder list; lesson cases
 * published, searched and adopted; bad input refused with nothing stored; the feature uninstalled and installed
 * again live, its data kept. Figures are for last week, a week the demo data (FY2025 and FY2024 here) never touches.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageModuleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Last week's Monday in the schools' zone, and the fiscal year it counts in. */
    private static final LocalDate WEEK = Distribution.TODAY
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
    private static final int FY = WEEK.getMonthValue() < 4 ? WEEK.getYear() - 1 : WEEK.getYear();
    private static final String PERIOD = "fiscalYear=" + FY + "&week=" + WEEK;

    private static Distribution dist;
    private static String agentOfJ1;

    @BeforeAll
    static void startDistribution() throws Exception {
        dist = Distribution.unpack(Path.of(E2e.property("gigaplan.e2e.distribution")),
                Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("usage"));
        // Demo data for FY2025 and FY2024: this year (FY2026 on the distribution's clock), last week in it, is ours.
        dist.demoYear(2025);
        dist.start();
        // The module's resources join /api as its bundle starts, after the platform's.
        await("the usage module's endpoints", TIMEOUT, () -> assertEquals(200, dist.get("/api/usage/scenes").status()));
        // Demo mode fills every module's data in the background, for the schools in the directory at the time; wait
        // for it to end before adding schools of our own, so none of its synthetic records land on them.
        Distribution.awaitDemoFills(dist);
        // Three schools of our own beside sample school S-E01 (the harness's school user school-a).
        Response imported = dist.post("/api/schools/import", "text/csv", """
                id,name_ja,name_en,type,enrollment,classes
                U-E1,利用テスト小学校,Usage Test Elementary,ELEMENTARY,90,3
                U-J1,利用テスト中学校,Usage Test Junior High,JUNIOR_HIGH,40,1
                U-H1,利用テスト高等学校,Usage Test High School,HIGH,120,3
                """);
        assertEquals(200, imported.status(), () -> "import: " + imported);
        Response key = dist.post("/api/api-keys", "application/json", "{\"schoolId\":\"U-J1\",\"label\":\"授業支援ソフト\"}");
        assertEquals(201, key.status(), () -> "key: " + key);
        agentOfJ1 = key.json().path("key").asText();
    }

    @AfterAll
    static void stopDistribution() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    private static String at(int day, String time) {
        return WEEK.plusDays(day) + "T" + time + "+09:00";
    }

    @Test
    @Order(1)
    void aWeekOfRecordsGivesTheFiguresAHandComputationGives() throws Exception {
        // U-E1 registers three classes and reports two of them from a spreadsheet (counts and scale answers).
        Response classes = dist.send("PUT", "/api/usage/schools/U-E1/classes",
                "[{\"grade\":1,\"className\":\"1\"},{\"grade\":1,\"className\":\"2\"},{\"grade\":2,\"className\":\"1\"}]");
        assertEquals(200, classes.status(), () -> "classes: " + classes);
        Response csv = dist.post("/api/usage/check-ins/import", "text/csv",
                "school_id,grade,class,week,scene1,scene2,scene3,scene4,scene5\n"
                        + "U-E1,1,1," + WEEK + ",3,週3回以上,1,0,5\n"
                        + "U-E1,1,2," + WEEK + ",2,ALMOST_DAILY,4,3,0\n");
        assertEquals(200, csv.status(), () -> "csv: " + csv);
        assertEquals(10, csv.json().path("cells").asInt(), () -> "csv: " + csv);

        // U-J1's classroom software posts events with the school's key: scene 1 in three lessons (two devices in
        // the first), scene 4 in two.
        Response events = dist.postAs(agentOfJ1, "/api/usage/events", "application/json", """
                [{"grade":1,"className":"1","at":"%s","scene":1,"app":"授業支援ソフト","device":"d1"},
                 {"grade":1,"className":"1","at":"%s","scene":1,"app":"授業支援ソフト","device":"d2"},
                 {"grade":1,"className":"1","at":"%s","scene":1,"app":"授業支援ソフト","device":"d1"},
                 {"grade":1,"className":"1","at":"%s","scene":1,"app":"授業支援ソフト","device":"d1"},
                 {"grade":1,"className":"1","at":"%s","scene":4,"app":"授業支援ソフト"},
                 {"grade":1,"className":"1","at":"%s","scene":4,"app":"授業支援ソフト"}]
                """.formatted(at(0, "09:05:00"), at(0, "09:20:00"), at(1, "10:00:00"), at(2, "11:00:00"),
                at(0, "13:00:00"), at(3, "13:00:00")));
        assertEquals(200, events.status(), () -> "events: " + events);
        assertEquals(5, events.json().path("newUses").asInt(), () -> "events: " + events);

        // A teacher of S-E01 checks in as a school user; the high school reports apart.
        Response own = dist.postAs("school-a", "/api/usage/check-ins", "application/json",
                "[{\"grade\":1,\"className\":\"1\",\"week\":\"" + WEEK + "\",\"scenes\":[{\"scene\":1,\"count\":0},"
                        + "{\"scene\":4,\"count\":2}]}]");
        assertEquals(200, own.status(), () -> "school A: " + own);
        Response high = dist.post("/api/usage/check-ins", "application/json",
                "[{\"schoolId\":\"U-H1\",\"grade\":1,\"className\":\"A\",\"week\":\"" + WEEK
                        + "\",\"scenes\":[{\"scene\":1,\"answer\":\"ほぼ毎日\"}]}]");
        assertEquals(200, high.status(), () -> "high school: " + high);

        JsonNode city = dist.json("/api/usage/attainment?" + PERIOD);
        assertEquals(1, city.path("groups").size(), () -> "city: " + city);
        JsonNode scenes = city.path("groups").get(0).path("scenes");
        // Scene 1: U-E1 3, 2 → 1 of 2 (a school meets at 50 %); U-J1 three lessons → 1 of 1; S-E01 0 → 0 of 1.
        assertScene(scenes, 1, 4, 2, 50.0, 3, 2, 66.7);
        // Scene 2: U-E1 週3回以上 (3) and ほぼ毎日 (5) → 2 of 2.
        assertScene(scenes, 2, 2, 2, 100.0, 1, 1, 100.0);
        // Scene 4: U-E1 0, 3 → 1 of 2, meets; U-J1 two lessons → no; S-E01 2 → no.
        assertScene(scenes, 4, 4, 1, 25.0, 3, 1, 33.3);
        // Scene 5: U-E1 5, 0 → 1 of 2.
        assertScene(scenes, 5, 2, 1, 50.0, 1, 1, 100.0);
        assertEquals("HIGH", city.path("reportedApart").get(0).path("key").asText(), () -> "apart: " + city);
        assertEquals(3, city.path("timesPerWeek").asInt());
        assertFalse(city.path("demo").asBoolean(), "no demo data in last week");

        JsonNode bySchool = dist.json("/api/usage/attainment?" + PERIOD + "&by=school");
        List<String> keys = new ArrayList<>();
        bySchool.path("groups").forEach(g -> keys.add(g.path("key").asText()));
        assertEquals(List.of("S-E01", "U-E1", "U-J1"), keys);

        // A school sees its own figures (asked for or not), never another school's.
        JsonNode mine = dist.getAs("school-a", "/api/usage/attainment?" + PERIOD + "&schoolId=S-E01").json();
        assertScene(mine.path("groups").get(0).path("scenes"), 4, 1, 0, 0.0, 1, 0, 0.0);
        assertEquals(mine.path("groups").toString(),
                dist.getAs("school-a", "/api/usage/attainment?" + PERIOD).json().path("groups").toString());
        E2e.problem(dist.getAs("school-a", "/api/usage/attainment?" + PERIOD + "&schoolId=U-E1"), 403, null);

        // The scene indicators of the progress roll-up are the share of schools meeting each scene's target over
        // the fiscal year. The plan has an action plan (and a progress report) for FY2025 only, filled with demo
        // data: the roll-up must show what the module's own view shows.
        JsonNode year = dist.json("/api/usage/attainment?fiscalYear=2025");
        JsonNode scene1 = E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), "usage.scene1");
        assertEquals(year.path("groups").get(0).path("scenes").get(0).path("schoolShare").asDouble(),
                scene1.path("value").asDouble(), () -> "usage.scene1: " + scene1);
        assertEquals(8, scene1.path("sampleSize").asInt(), () -> "the 8 sample elementary and junior high schools: " + scene1);
        assertTrue(scene1.path("demo").asBoolean(), () -> "usage.scene1: " + scene1);
        assertTrue(List.of("MET", "BELOW").contains(scene1.path("status").asText()), () -> "usage.scene1: " + scene1);

        // The trend has last week in it.
        JsonNode trend = dist.json("/api/usage/attainment/trend?fiscalYear=" + FY);
        assertTrue(trend.path("weeks").toString().contains(WEEK.toString()), () -> "trend: " + trend);

        String console = dist.console("usage:attainment --fy " + FY + " --week " + WEEK + " --lang en");
        assertTrue(console.contains("66.7") && console.contains("City (elementary and junior high schools)"),
                () -> "usage:attainment:\n" + console);
    }

    @Test
    @Order(2)
    void theReminderListNamesWhoDidNotReportLastWeek() throws Exception {
        JsonNode list = dist.json("/api/usage/not-reporting");
        assertEquals(WEEK.toString(), list.path("week").asText(), "last week by default");
        JsonNode e1 = school(list, "U-E1");
        assertEquals("[\"2-1\"]", e1.path("missingClasses").toString(), () -> "U-E1: " + e1);
        assertEquals(2, e1.path("classesReporting").asInt());
        assertFalse(list.toString().contains("\"U-J1\""), "U-J1 reported every class");
        assertFalse(list.toString().contains("\"U-H1\""), "U-H1 reported every class");
        // The sample schools have classes (from the demo) but no record last week.
        assertEquals(0, school(list, "S-E04").path("classesReporting").asInt());
        String console = dist.console("usage:missing --week " + WEEK);
        assertTrue(console.contains("U-E1") && console.contains("2-1"), () -> "usage:missing:\n" + console);
    }

    @Test
    @Order(3)
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        long before = dist.json("/api/usage/check-ins?" + PERIOD).path("total").asLong();
        String week = "\"week\":\"" + WEEK + "\"";
        E2e.problem(dist.post("/api/usage/check-ins", "application/json",
                "[{\"schoolId\":\"U-E1\",\"grade\":2,\"className\":\"1\"," + week + ",\"scenes\":[{\"scene\":6,\"count\":3}]}]"),
                400, "[0].scenes[0].scene");
        E2e.problem(dist.post("/api/usage/check-ins", "application/json",
                "[{\"schoolId\":\"U-E1\",\"grade\":2,\"className\":\"1\"," + week + ",\"scenes\":[{\"scene\":1,\"count\":-1}]}]"),
                400, "[0].scenes[0].count");
        E2e.problem(dist.post("/api/usage/check-ins", "application/json",
                "[{\"schoolId\":\"U-E1\",\"grade\":2,\"className\":\"1\",\"week\":\"2019-06-03\",\"scenes\":[{\"scene\":1,\"count\":3}]}]"),
                400, "[0].week");
        E2e.problem(dist.get("/api/usage/attainment?fiscalYear=" + FY + "&week=" + WEEK.minusYears(2).with(DayOfWeek.MONDAY)),
                400, "week");
        // A class of another school: from a school user, and from an agent's key.
        E2e.problem(dist.postAs("school-a", "/api/usage/check-ins", "application/json",
                "[{\"schoolId\":\"U-E1\",\"grade\":2,\"className\":\"1\"," + week + ",\"scenes\":[{\"scene\":1,\"count\":3}]}]"),
                400, "[0].schoolId");
        E2e.problem(dist.postAs(agentOfJ1, "/api/usage/events", "application/json",
                "[{\"schoolId\":\"S-E01\",\"grade\":1,\"className\":\"1\",\"at\":\"" + at(0, "09:00:00")
                        + "\",\"scene\":1,\"app\":\"x\"}]"), 400, "[0].schoolId");
        // All or nothing: one bad row of a CSV refuses the good one before it.
        E2e.problem(dist.post("/api/usage/check-ins/import", "text/csv",
                "school_id,grade,class,week,scene1\nU-E1,2,1," + WEEK + ",3\nU-E1,2,1," + WEEK.plusDays(1) + ",3\n"),
                400, "line 3.week");
        E2e.problem(dist.post("/api/usage/check-ins", "application/json", "[{\"schoolId\":\"U-E1\",\"grade\":\"two\"}]"),
                400, null);
        assertEquals(before, dist.json("/api/usage/check-ins?" + PERIOD).path("total").asLong(), "nothing stored");
        assertEquals(3, dist.json("/api/usage/schools/U-E1/classes").size(), "no class registered by a refused batch");
    }

    @Test
    @Order(4)
    void lessonCasesArePublishedSearchedAndAdopted() throws Exception {
        Response published = dist.post("/api/usage/cases", "application/json", """
                {"title":{"ja":"意見交流E2Eの授業","en":"E2E opinion exchange lesson"},
                 "summary":{"ja":"授業支援ソフトで意見を共有し話し合う","en":"Sharing and discussing opinions"},
                 "scenes":[4,3],"learningType":"COLLABORATIVE","subject":"道徳","grade":5,"supportSoftware":true}
                """);
        assertEquals(201, published.status(), () -> "publish: " + published);
        long id = published.json().path("id").asLong();
        E2e.problem(dist.postAs("school-a", "/api/usage/cases", "application/json", published.body()), 403, null);

        JsonNode found = dist.getAs("school-a", "/api/usage/cases?q=E2E&scene=4&learningType=COLLABORATIVE").json();
        assertEquals(1, found.path("total").asInt(), () -> "search: " + found);
        assertEquals(id, found.path("items").get(0).path("id").asLong());
        assertEquals(0, dist.getAs("school-a", "/api/usage/cases?q=E2E&scene=5").json().path("total").asInt());

        Response adopted = dist.sendAs("school-a", "POST", "/api/usage/cases/" + id + "/adoptions",
                "{\"note\":\"5年1組で実施\"}");
        assertEquals(201, adopted.status(), () -> "adopt: " + adopted);
        assertEquals("S-E01", adopted.json().path("schoolId").asText());
        JsonNode counted = dist.json("/api/usage/cases/" + id);
        assertEquals(1, counted.path("adoptions").asInt(), () -> "case: " + counted);
        assertEquals(1, counted.path("adoptingSchools").asInt(), () -> "case: " + counted);
        assertTrue(dist.json("/api/usage/cases/adoptions/by-school").path("bySchool").path("S-E01").asInt() >= 1);
        JsonNode audit = dist.json("/api/audit?school=S-E01&action=usage").path("items");
        assertTrue(audit.toString().contains("adopted"), () -> "audit: " + audit);
    }

    @Test
    @Order(5)
    void theFeatureComesAndGoesWithItsDataKept() throws Exception {
        String before = dist.json("/api/usage/attainment?" + PERIOD).path("groups").toString();
        String uninstall = dist.console("feature:uninstall gigaplan-usage");
        await("usage to be gone (console said: " + uninstall.strip() + ")", TIMEOUT, () -> {
            assertEquals(404, dist.get("/api/usage/scenes").status(), "endpoint");
            assertFalse(dist.json("/api/modules").toString().contains("\"usage\""), "modules");
            assertEquals("NO_MODULE", E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), "usage.scene1")
                    .path("status").asText(), "indicator");
        });
        assertEquals(200, dist.get("/api/plan").status(), "the rest runs on");
        assertFalse(dist.json("/api/openapi.json").path("paths").has("/usage/attainment"), "openapi");

        String install = dist.console("feature:install gigaplan-usage");
        await("usage to be back (console said: " + install.strip() + ")", TIMEOUT,
                () -> assertEquals(200, dist.get("/api/usage/scenes").status()));
        assertEquals(before, dist.json("/api/usage/attainment?" + PERIOD).path("groups").toString(), "data kept");
        assertEquals("DEMO", E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), "usage.scene1").path("demo").asBoolean()
                ? "DEMO" : "real", "the demo year's values are back");
        assertTrue(dist.json("/api/openapi.json").path("paths").has("/usage/attainment"), "openapi");
    }

    private static void assertScene(JsonNode scenes, int scene, int classes, int classesMeeting, double classShare,
            int schools, int schoolsMeeting, double schoolShare) {
        for (JsonNode s : scenes) {
            if (s.path("scene").asInt() == scene) {
                String expected = classes + "/" + classesMeeting + "/" + classShare + " " + schools + "/" + schoolsMeeting
                        + "/" + schoolShare;
                String actual = s.path("classes").asInt() + "/" + s.path("classesMeeting").asInt() + "/"
                        + s.path("classShare").asDouble() + " " + s.path("schools").asInt() + "/"
                        + s.path("schoolsMeeting").asInt() + "/" + s.path("schoolShare").asDouble();
                assertEquals(expected, actual, "scene " + scene);
                return;
            }
        }
        throw new AssertionError("no scene " + scene + " in " + scenes);
    }

    private static JsonNode school(JsonNode list, String id) {
        for (JsonNode s : list.path("schools")) {
            if (id.equals(s.path("schoolId").asText())) {
                return s;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }
}
