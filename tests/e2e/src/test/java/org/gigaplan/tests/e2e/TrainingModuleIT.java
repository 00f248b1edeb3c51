package org.gigaplan.tests.e2e;

import static org.gigaplan.tests.e2e.Distribution.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
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
 * Policy 2 (the training module) on the built distribution: two fiscal years of checklist answers for schools of
 * our own give the rates and changes a hand computation gives; a group under five teachers is suppressed for the
 * board; bad input is refused with nothing stored; the feature comes and goes with its data kept. The years are
 * the current fiscal year (FY2026 on the distribution's clock) and the one before, which the demo data (set to FY2024
 * and FY2023 here) leaves to us.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingModuleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final LocalDate TODAY = Distribution.TODAY;
    private static final int FY = TODAY.getMonthValue() < 4 ? TODAY.getYear() - 1 : TODAY.getYear();

    private static Distribution dist;

    @BeforeAll
    static void startDistribution() throws Exception {
        dist = Distribution.unpack(Path.of(E2e.property("gigaplan.e2e.distribution")),
                Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("training"));
        // Demo data for FY2024 and FY2023: this year and the last are ours.
        dist.demoYear(2024);
        dist.start();
        await("the training module's endpoints", TIMEOUT,
                () -> assertEquals(200, dist.get("/api/training/checklist").status()));
        // Demo mode fills every module's data in the background, for the schools in the directory at the time; wait
        // for it to end before adding schools of our own, so none of its synthetic records land on them.
        Distribution.awaitDemoFills(dist);
        Response imported = dist.post("/api/schools/import", "text/csv", """
                id,name_ja,name_en,type,enrollment,classes
                V-E1,研修テスト小学校,Training Test Elementary,ELEMENTARY,150,6
                V-E2,研修テスト分校,Training Test Branch School,ELEMENTARY,20,1
                V-E3,研修テスト第三小学校,Training Test Elementary 3,ELEMENTARY,200,8
                """);
        assertEquals(200, imported.status(), () -> "import: " + imported);
        // Records name only teachers on their school's list: the schools list theirs first.
        dist.listTeachers("V-E1", "T1", "T2", "T3", "T4", "T5", "T9", "T10");
        dist.listTeachers("V-E2", "W1", "W2");
        dist.listTeachers("V-E3", "R1", "R2");
        dist.listTeachers("S-E01", "A01");
    }

    @AfterAll
    static void stopDistribution() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    @Order(1)
    void twoYearsOfAnswersGiveTheRatesAndChangesAHandComputationGives() throws Exception {
        // Last year in JSON, this year from the school's spreadsheet.
        Response last = dist.post("/api/training/schools/V-E1/assessments", "application/json", """
                [{"teacherId":"T1","fiscalYear":%1$d,"answers":{"A-1":1}},
                 {"teacherId":"T2","fiscalYear":%1$d,"answers":{"A-1":2}},
                 {"teacherId":"T3","fiscalYear":%1$d,"answers":{"A-1":3}},
                 {"teacherId":"T4","fiscalYear":%1$d,"answers":{"A-1":4}},
                 {"teacherId":"T5","fiscalYear":%1$d,"answers":{"A-1":4}}]
                """.formatted(FY - 1));
        assertEquals(200, last.status(), () -> "last year: " + last);
        Response csv = dist.post("/api/training/schools/V-E1/assessments/import?fiscalYear=" + FY, "text/csv",
                "teacher_id,A-1,A-2\nT1,3,できる\nT2,ややできる,4\nT3,4,1\nT4,4,ほとんどできない\nT5,2,3\n");
        assertEquals(200, csv.status(), () -> "csv: " + csv);
        assertEquals(10, csv.json().path("answers").asInt());
        Response small = dist.post("/api/training/schools/V-E2/assessments", "application/json",
                "[{\"teacherId\":\"W1\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":4}},"
                        + "{\"teacherId\":\"W2\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":3}}]");
        assertEquals(200, small.status(), () -> "V-E2: " + small);
        Response own = dist.postAs("school-a", "/api/training/schools/S-E01/assessments", "application/json",
                "[{\"teacherId\":\"A01\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":4}}]");
        assertEquals(200, own.status(), () -> "school A: " + own);

        // V-E1: A-1 this year 3,3,4,4,2 → 4 of 5; A-2 4,4,1,1,3 → 3 of 5; A 7 of 10 = 70.0. Last year A-1
        // 1,2,3,4,4 → 3 of 5 = 60.0, so A changed by +10.0 points.
        JsonNode rates = dist.json("/api/training/schools/V-E1/rates?fiscalYear=" + FY);
        assertEquals(5, rates.path("teachers").asInt());
        JsonNode a = find(rates.path("categories"), "A");
        assertEquals("70.0 60.0 10.0", a.path("rate").asDouble() + " " + a.path("previous").asDouble() + " "
                + a.path("change").asDouble(), () -> "A: " + a);
        assertEquals(80.0, find(rates.path("items"), "A-1").path("rate").asDouble());
        assertEquals(60.0, find(rates.path("items"), "A-2").path("rate").asDouble());

        // The city this year: A-1 V-E1 4 of 5, V-E2 2 of 2, S-E01 1 of 1 → 7 of 8.
        JsonNode city = dist.json("/api/training/rates?fiscalYear=" + FY);
        assertEquals(8, city.path("teachers").asInt(), () -> "city: " + city);
        assertEquals(87.5, find(city.path("items"), "A-1").path("rate").asDouble());

        // One teacher beside last year.
        JsonNode t1 = dist.json("/api/training/schools/V-E1/teachers/T1?fiscalYear=" + FY);
        JsonNode t1a = find(t1.path("categories"), "A");
        assertEquals("3.5 1.0", t1a.path("mean").asDouble() + " " + t1a.path("previousMean").asDouble(), () -> "T1: " + t1);
        // As of March 1 by default, or the day given while that day is to come.
        java.time.LocalDate today = java.time.LocalDate.parse(dist.json("/api/clock").path("today").asText());
        java.time.LocalDate asOf = java.time.LocalDate.of(FY + 1, 3, 1);
        assertEquals((asOf.isAfter(today) ? today : asOf).toString(), t1.path("answeredOn").asText());

        // The progress roll-up shows the module's own figure (the plan's action plan is FY2025's: demo data).
        JsonNode progressA = E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), "training.category-a");
        JsonNode year2025 = find(dist.json("/api/training/rates?fiscalYear=2025").path("categories"), "A");
        assertEquals(year2025.path("rate").asDouble(), progressA.path("value").asDouble(), () -> "progress: " + progressA);

        String console = dist.console("training:rates --fy " + FY + " --by-school --lang en");
        assertTrue(console.contains("Training Test Elementary") && console.contains("70.0") && console.contains("+10.0"),
                () -> "training:rates:\n" + console);
    }

    @Test
    @Order(2)
    void aGroupUnderFiveTeachersIsSuppressedForTheBoard() throws Exception {
        JsonNode board = dist.json("/api/training/schools/V-E2/rates?fiscalYear=" + FY);
        assertTrue(board.path("suppressed").asBoolean(), () -> "board's view: " + board);
        assertTrue(find(board.path("categories"), "A").path("rate").isNull(), () -> "board's view: " + board);
        JsonNode bySchool = dist.json("/api/training/rates/by-school?fiscalYear=" + FY);
        for (JsonNode r : bySchool) {
            if (r.path("teachers").asInt() < 5) {
                assertTrue(r.path("suppressed").asBoolean() && find(r.path("categories"), "A").path("rate").isNull(),
                        () -> "by school: " + r);
            }
        }
        // A school sees its own figures, however small, and never another school's.
        JsonNode own = dist.getAs("school-a", "/api/training/schools/S-E01/rates?fiscalYear=" + FY).json();
        assertFalse(own.path("suppressed").asBoolean(), () -> "own: " + own);
        assertEquals(100.0, find(own.path("categories"), "A").path("rate").asDouble());
        assertEquals(403, dist.getAs("school-a", "/api/training/schools/V-E1/rates").status());
        assertEquals(403, dist.getAs("school-a", "/api/training/rates").status());
    }

    @Test
    @Order(3)
    void aTeacherRecordsAndReadsTheirOwnAnswersOnly() throws Exception {
        // teacher-a is teacher A01 of S-E01 (JAAS role teacher@S-E01/A01).
        Response own = dist.postAs("teacher-a", "/api/training/schools/S-E01/assessments", "application/json",
                "[{\"teacherId\":\"A01\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":4,\"B-1\":2}}]");
        assertEquals(200, own.status(), () -> "own answers: " + own);
        JsonNode mine = dist.getAs("teacher-a", "/api/training/schools/S-E01/teachers/A01?fiscalYear=" + FY).json();
        assertEquals("{\"A-1\":4,\"B-1\":2}", mine.path("answers").toString(), () -> "own view: " + mine);
        E2e.problem(dist.postAs("teacher-a", "/api/training/schools/S-E01/assessments", "application/json",
                "[{\"teacherId\":\"A02\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":4}}]"), 403, null);
        E2e.problem(dist.getAs("teacher-a", "/api/training/schools/S-E01/teachers/A02?fiscalYear=" + FY), 403, null);
        E2e.problem(dist.getAs("teacher-a", "/api/training/schools/S-E01/rates"), 403, null);
        E2e.problem(dist.getAs("teacher-a", "/api/training/schools/S-E01/assessments"), 403, null);
        // The school and the board see the teacher's answers too.
        assertEquals(200, dist.getAs("school-a", "/api/training/schools/S-E01/teachers/A01?fiscalYear=" + FY).status());
        assertEquals(200, dist.get("/api/training/schools/S-E01/teachers/A01?fiscalYear=" + FY).status());
    }

    @Test
    @Order(4)
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        String before = dist.json("/api/training/schools/V-E1/assessments?fiscalYear=" + FY).toString();
        E2e.problem(dist.post("/api/training/schools/V-E1/assessments", "application/json",
                "[{\"teacherId\":\"T9\",\"fiscalYear\":" + FY + ",\"answers\":{\"E-1\":3}}]"), 400, "[0].answers.E-1");
        E2e.problem(dist.post("/api/training/schools/V-E1/assessments", "application/json",
                "[{\"teacherId\":\"T9\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":5}}]"), 400, "[0].answers.A-1");
        E2e.problem(dist.post("/api/training/schools/V-E1/assessments", "application/json",
                "[{\"teacherId\":\"T9\",\"fiscalYear\":2019,\"answers\":{\"A-1\":3}}]"), 400, "[0].fiscalYear");
        E2e.problem(dist.post("/api/training/schools/V-E1/assessments/import?fiscalYear=" + FY, "text/csv",
                "teacher_id,A-1\nT9,4\nT10,たぶん\n"), 400, "line 3.A-1");
        E2e.problem(dist.postAs("school-a", "/api/training/schools/V-E1/assessments", "application/json",
                "[{\"teacherId\":\"T9\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":3}}]"), 403, null);
        // A teacher not on the school's list: no request makes teachers up.
        E2e.problem(dist.post("/api/training/schools/V-E1/assessments", "application/json",
                "[{\"teacherId\":\"X99\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":3}}]"), 400, "[0].teacherId");
        E2e.problem(dist.post("/api/training/schools/V-E1/genai", "application/json",
                "[{\"teacherId\":\"X99\",\"fiscalYear\":" + FY + ",\"frequency\":\"DAILY\"}]"), 400, "[0].teacherId");
        assertEquals(before, dist.json("/api/training/schools/V-E1/assessments?fiscalYear=" + FY).toString(),
                "nothing stored");
    }

    @Test
    @Order(5)
    void theFeatureComesAndGoesWithItsDataKept() throws Exception {
        String before = dist.json("/api/training/schools/V-E1/rates?fiscalYear=" + FY).toString();
        String uninstall = dist.console("feature:uninstall gigaplan-training");
        await("training to be gone (console said: " + uninstall.strip() + ")", TIMEOUT, () -> {
            assertEquals(404, dist.get("/api/training/checklist").status(), "endpoint");
            assertEquals("NO_MODULE", E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), "training.category-a")
                    .path("status").asText(), "indicator");
        });
        assertEquals(200, dist.get("/api/usage/scenes").status(), "the other modules run on");
        String install = dist.console("feature:install gigaplan-training");
        await("training to be back (console said: " + install.strip() + ")", TIMEOUT,
                () -> assertEquals(200, dist.get("/api/training/checklist").status()));
        assertEquals(before, dist.json("/api/training/schools/V-E1/rates?fiscalYear=" + FY).toString(), "data kept");
    }

    @Test
    @Order(6)
    void trainingsAreEnrolledAttendedAndRecommendedByTheWeakestCategory() throws Exception {
        Response created = dist.post("/api/training/courses", "application/json", """
                {"title":{"ja":"情報活用能力の指導E2E","en":"Teaching information skills (E2E)"},
                 "kind":"BOARD_COURSE","categories":["C"],"level":"BASIC"}""");
        assertEquals(201, created.status(), () -> "course: " + created);
        long course = created.json().path("id").asLong();
        Response other = dist.post("/api/training/courses", "application/json", """
                {"title":{"ja":"授業でのICT活用E2E","en":"ICT in lessons (E2E)"},
                 "kind":"BOARD_COURSE","categories":["B"],"level":"BASIC"}""");
        assertEquals(201, other.status(), () -> "course: " + other);
        E2e.problem(dist.postAs("school-a", "/api/training/courses", "application/json", """
                {"title":{"ja":"x","en":"x"},"kind":"BOARD_COURSE","categories":["C"],"level":"BASIC"}"""), 400, "kind");
        Response withSession = dist.post("/api/training/courses/" + course + "/sessions", "application/json",
                "{\"heldOn\":\"" + TODAY.plusDays(7) + "\",\"capacity\":2,\"place\":\"教育センター\"}");
        assertEquals(201, withSession.status(), () -> "session: " + withSession);
        long session = withSession.json().path("sessions").get(0).path("id").asLong();

        String enrolments = "/api/training/sessions/" + session + "/enrolments";
        assertEquals(201, dist.sendAs("school-a", "POST", enrolments, "{\"teacherId\":\"A01\"}").status());
        E2e.problem(dist.sendAs("school-a", "POST", enrolments, "{\"teacherId\":\"A01\"}"), 409, null);
        E2e.problem(dist.sendAs("school-a", "POST", enrolments, "{\"schoolId\":\"V-E3\",\"teacherId\":\"R1\"}"), 403, null);
        assertEquals(201, dist.send("POST", enrolments, "{\"schoolId\":\"V-E3\",\"teacherId\":\"R1\"}").status());
        E2e.problem(dist.send("POST", enrolments, "{\"schoolId\":\"V-E3\",\"teacherId\":\"R2\"}"), 409, null);
        Response attended = dist.send("PUT", "/api/training/sessions/" + session + "/attendance",
                "{\"schoolId\":\"V-E3\",\"teacherId\":\"R1\",\"attended\":true}");
        assertEquals(200, attended.status(), () -> "attendance: " + attended);
        JsonNode record = dist.json("/api/training/schools/V-E3/teachers/R1/record");
        assertEquals(1, record.path("trainings").size(), () -> "record: " + record);
        assertTrue(record.path("trainings").get(0).path("attended").asBoolean(), () -> "record: " + record);
        // Who enrolled and attended: the board sees every school's teachers, a school its own only.
        JsonNode everyone = dist.json(enrolments);
        assertEquals("[\"S-E01/A01/null\",\"V-E3/R1/true\"]", list(everyone), () -> "board: " + everyone);
        Response own = dist.getAs("school-a", enrolments);
        assertEquals(200, own.status(), own::toString);
        assertEquals("[\"S-E01/A01/null\"]", list(own.json()), () -> "school-a: " + own);
        assertEquals(404, dist.get("/api/training/sessions/999999/enrolments").status());

        // R1 answers A and B high, C lowest: the recommendation is the C course, never the B one.
        Response answers = dist.post("/api/training/schools/V-E3/assessments", "application/json",
                "[{\"teacherId\":\"R1\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":4,\"B-1\":3,\"C-1\":1,\"D-1\":3}}]");
        assertEquals(200, answers.status(), () -> "answers: " + answers);
        JsonNode recommended = dist.json("/api/training/schools/V-E3/teachers/R1/recommendations?fiscalYear=" + FY);
        assertEquals("[\"C\"]", recommended.path("weakest").toString(), () -> "recommendation: " + recommended);
        List<Long> ids = new ArrayList<>();
        recommended.path("courses").forEach(c -> ids.add(c.path("id").asLong()));
        assertTrue(ids.contains(course) && !ids.contains(other.json().path("id").asLong()), () -> "courses: " + ids);
        JsonNode plan = dist.json("/api/training/schools/V-E3/plan?fiscalYear=" + FY);
        assertEquals("[\"C\"]", plan.path("weakest").toString(), () -> "plan: " + plan);

        // Generative-AI use: a school's own figure; the board sees one teacher's school suppressed.
        Response genai = dist.postAs("school-a", "/api/training/schools/S-E01/genai", "application/json",
                "[{\"teacherId\":\"A01\",\"fiscalYear\":" + FY + ",\"frequency\":\"DAILY\",\"purposes\":[\"ADMIN\"]}]");
        assertEquals(200, genai.status(), () -> "genai: " + genai);
        assertEquals(100.0, dist.getAs("school-a", "/api/training/schools/S-E01/genai?fiscalYear=" + FY).json()
                .path("weeklyShare").asDouble());
        assertTrue(dist.json("/api/training/schools/S-E01/genai?fiscalYear=" + FY).path("suppressed").asBoolean());
        E2e.problem(dist.postAs("school-a", "/api/training/schools/S-E01/genai", "application/json",
                "[{\"teacherId\":\"A01\",\"fiscalYear\":" + FY + ",\"frequency\":\"SOMETIMES\"}]"), 400, "[0].frequency");
    }

    private static JsonNode find(JsonNode array, String code) {
        for (JsonNode n : array) {
            if (code.equals(n.path("code").asText()) || code.equals(n.path("category").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + code + " in " + array);
    }

    @Test
    @Order(7)
    void aSchoolsTeacherListReplacesAndTheBoardRemovesATeacherWithEveryModulesRecords() throws Exception {
        // V-E3 lists Z1 and Z2; Z1 answers the checklist and reports learning-history use (policy 3's module).
        Response listed = dist.send("PUT", "/api/schools/V-E3/teachers",
                "[{\"code\":\"R1\"},{\"code\":\"R2\"},{\"code\":\"Z1\",\"name\":\"青葉 花子\"},{\"code\":\"Z2\"}]");
        assertEquals(200, listed.status(), () -> "list: " + listed);
        assertEquals("[\"Z1\",\"Z2\"]", listed.json().path("added").toString(), () -> "list: " + listed);
        assertEquals(200, dist.post("/api/training/schools/V-E3/assessments", "application/json",
                "[{\"teacherId\":\"Z1\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":4,\"B-1\":3}}]").status());
        assertEquals(200, dist.post("/api/environment/learning-history/schools/V-E3/uses", "application/json",
                "[{\"teacherId\":\"Z1\",\"fiscalYear\":" + FY + ",\"frequency\":\"WEEKLY\"}]").status());
        JsonNode z1 = dist.json("/api/schools/V-E3/teachers/Z1");
        assertEquals(2, z1.path("records").path("training").asInt(), () -> "Z1: " + z1);
        assertEquals(1, z1.path("records").path("environment").asInt(), () -> "Z1: " + z1);

        // Another school's staff cannot see or change V-E3's list; a school cannot remove, only the board.
        assertEquals(403, dist.getAs("school-a", "/api/schools/V-E3/teachers").status());
        assertEquals(403, dist.sendAs("school-a", "PUT", "/api/schools/V-E3/teachers", "[]").status());
        assertEquals(403, dist.sendAs("school-a", "DELETE", "/api/schools/S-E01/teachers/A01", "").status());

        // The list without Z2 retires Z2 (no records yet, but their code stays known to the school).
        Response again = dist.send("PUT", "/api/schools/V-E3/teachers",
                "[{\"code\":\"R1\"},{\"code\":\"R2\"},{\"code\":\"Z1\"}]");
        assertEquals("[\"Z2\"]", again.json().path("retired").toString(), () -> "again: " + again);
        E2e.problem(dist.post("/api/training/schools/V-E3/assessments", "application/json",
                "[{\"teacherId\":\"Z2\",\"fiscalYear\":" + FY + ",\"answers\":{\"A-1\":4}}]"), 400, "[0].teacherId");

        // The board removes Z1, listed by mistake: every module's records go with them, and the audit log says so.
        Response removed = dist.send("DELETE", "/api/schools/V-E3/teachers/Z1", "");
        assertEquals(200, removed.status(), () -> "remove: " + removed);
        assertEquals(2, removed.json().path("recordsRemoved").path("training").asInt(), () -> "remove: " + removed);
        assertEquals(1, removed.json().path("recordsRemoved").path("environment").asInt(), () -> "remove: " + removed);
        assertEquals(404, dist.get("/api/schools/V-E3/teachers/Z1").status());
        assertFalse(dist.json("/api/training/schools/V-E3/assessments?fiscalYear=" + FY).has("Z1"));
        assertTrue(dist.json("/api/audit?limit=20").toString().contains("teacher Z1 of V-E3 removed"));
    }

    /** Enrolments as school/teacher/attended. */
    private static String list(JsonNode enrolled) {
        List<String> out = new ArrayList<>();
        enrolled.forEach(e -> out.add(e.path("schoolId").asText() + "/" + e.path("teacherId").asText() + "/"
                + (e.path("attended").isNull() ? "null" : e.path("attended").asText())));
        return out.stream().map(x -> "\"" + x + "\"").toList().toString().replace(", ", ",");
    }
}
