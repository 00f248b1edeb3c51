package org.gigaplan.tests.e2e;

import static org.gigaplan.tests.e2e.Distribution.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gigaplan.tests.e2e.Distribution.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The built distribution, started once for the whole class on free loopback ports: the plan, error answers,
 * the school directory, the console, a policy module installed and uninstalled at run time, and a restart
 * that keeps the data. The tests run in order and share state: schools imported by {@link #schoolDirectory()}
 * are what {@link #restartKeepsData()} looks for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GigaPlanDistributionIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration MODULE_TIMEOUT = Duration.ofSeconds(60);

    private static final Set<String> ACTION_ITEM_IDS = Set.of("P1-B1", "P1-S1", "P1-S2", "P2-B1", "P2-B2", "P2-B3",
            "P2-S1", "P2-S2", "P3-B1", "P3-B2", "P4-B1", "P4-S1", "P4-S2");

    private static final String CSV_HEADER = "id,name_ja,name_en,type,enrollment,classes\n";

    private static Distribution dist;

    @BeforeAll
    static void startDistribution() throws Exception {
        dist = Distribution.unpack(Path.of(E2e.property("gigaplan.e2e.distribution")),
                Path.of(E2e.property("gigaplan.e2e.workdir")));
        dist.start();
    }

    @AfterAll
    static void stopDistribution() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    // ---------------------------------------------------------------- plan

    @Test
    @Order(1)
    void planTree() throws Exception {
        JsonNode plan = dist.json("/api/plan");
        JsonNode actionPlan = plan.path("actionPlans").path(0);
        assertEquals(2025, actionPlan.path("fiscalYear").asInt(), () -> "actionPlans[0]: " + actionPlan);

        JsonNode policies = actionPlan.path("policies");
        List<Integer> numbers = new ArrayList<>();
        policies.forEach(p -> numbers.add(p.path("number").asInt()));
        assertEquals(List.of(1, 2, 3, 4), numbers, "basic policies of actionPlans[0]");

        Set<String> ids = new LinkedHashSet<>();
        int items = 0;
        for (JsonNode policy : policies) {
            for (JsonNode measure : policy.path("measures")) {
                for (JsonNode item : measure.path("actionItems")) {
                    items++;
                    String id = item.path("id").asText();
                    ids.add(id);
                    String expectedActor = id.matches("P\\d-B\\d+") ? "BOARD" : id.matches("P\\d-S\\d+") ? "SCHOOL" : "?";
                    assertEquals(expectedActor, item.path("actor").asText(), () -> "actor of " + id);
                    assertTrue(id.startsWith("P" + policy.path("number").asInt() + "-"),
                            () -> id + " listed under basic policy " + policy.path("number"));
                    assertFalse(item.path("text").path("ja").asText().isBlank(), () -> "ja text of " + id);
                    assertFalse(item.path("text").path("en").asText().isBlank(), () -> "en text of " + id);
                }
            }
        }
        assertEquals(13, items, "action items in actionPlans[0]");
        assertEquals(ACTION_ITEM_IDS, ids);
        assertEquals(5, actionPlan.path("sceneTargets").size(), "sceneTargets");

        JsonNode years = dist.json("/api/fiscal-years");
        List<Integer> fy = new ArrayList<>();
        years.forEach(y -> fy.add(y.path("year").asInt()));
        assertEquals(List.of(2023, 2024, 2025, 2026, 2027), fy, "fiscal years");
        JsonNode fy2025 = years.get(fy.indexOf(2025));
        assertEquals("令和7年度", fy2025.path("label").path("ja").asText(), () -> "FY2025: " + fy2025);
        assertEquals("FY2025", fy2025.path("label").path("en").asText(), () -> "FY2025: " + fy2025);
    }

    /**
     * The distribution ships its embedded database with every boot module's schema: the first start hands no changelog
     * to Liquibase (which would take seconds and keep its classes loaded). The shipped plan and sample schools are
     * still loaded by the start itself.
     */
    @Test
    @Order(1)
    void theFirstStartFindsTheSchemaShippedAndMigratesNothing() throws Exception {
        String log = Files.readString(dist.karafLog(), StandardCharsets.UTF_8);
        List<String> migrated = log.lines().filter(l -> l.contains("brought up to date")).toList();
        assertEquals(List.of(), migrated, "changelogs applied at the first start");
        assertTrue(log.contains("Fresh start: loaded 11 SAMPLE schools"), "the start loaded the sample schools");
        assertTrue(log.contains("Loading the shipped plan"), "the start loaded the shipped plan");
    }

    /**
     * The distribution ships its framework cache pre-resolved (the build started it once): the first start resolves no
     * feature and copies no bundle, as a restart; the settings this test wrote to etc/ before it (the ports) count.
     */
    @Test
    @Order(1)
    void theFirstStartResolvesNoFeatureAndInstallsNoBundle() throws Exception {
        String log = Files.readString(dist.karafLog(), StandardCharsets.UTF_8);
        assertFalse(log.contains("Installing and starting initial bundles"), "Karaf installed its startup bundles");
        assertFalse(log.contains("Changes to perform"), "the features service resolved and installed features");
        assertTrue(log.contains("Boot over after"), "the boot ended");
    }

    /**
     * The /api application is published once the boot is over, so the JAX-RS whiteboard builds it once with every
     * resource of the boot: published first, it was rebuilt for each resource that came after it (28 times at a
     * start, on the framework's start-level thread).
     */
    @Test
    @Order(1)
    void theBootPublishesApiOnceWithEveryResource() throws Exception {
        String log = Files.readString(dist.karafLog(), StandardCharsets.UTF_8);
        assertTrue(log.contains("Boot over after"), "the platform saw the boot end");
        // CXF's line for each JAX-RS server it publishes; the whiteboard builds one for /api each time it deploys it.
        long deployments = log.lines().filter(l -> l.contains("Setting the server's publish address")).count();
        assertEquals(1, deployments, "deployments of /api during the boot");
    }

    /**
     * Started with a Java it cannot run on, the launcher says which Java it needs and stops before starting a JVM:
     * Java 25 refused Karaf's own Security Manager flag with a stack trace, and Java 11 cannot load the bundles. The
     * JDKs here are fakes (a release file and a java that must not run).
     */
    @Test
    @Order(1)
    void theLauncherSaysWhichJavaItNeeds() throws Exception {
        for (String version : List.of("25.0.3", "11.0.24")) {
            Path jdk = Files.createTempDirectory("jdk-" + version);
            Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version
                    + "\"\n");
            Path javaBinary = Files.createDirectories(jdk.resolve("bin")).resolve("java");
            Files.writeString(javaBinary, "#!/bin/sh\necho \"this java ran\"\nexit 3\n");
            javaBinary.toFile().setExecutable(true);
            ProcessBuilder launch = new ProcessBuilder(dist.home().resolve("bin/karaf").toString(), "server")
                    .directory(dist.home().toFile()).redirectErrorStream(true);
            launch.environment().put("JAVA_HOME", jdk.toString());
            Process p = launch.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains("GIGA Plan runs on Java 17 to 23") && out.contains("is Java " + version)
                    && out.contains("Java 17〜23"), out);
            assertFalse(out.contains("this java ran"), out);
        }
    }

    /**
     * The distribution ships the class-data archive its build's start wrote, checked (bin/setenv, pre-resolve.sh):
     * the first start, on the JDK that built it, maps it.
     */
    @Test
    @Order(1)
    void theFirstStartMapsTheClassDataArchiveTheBuildWrote() throws Exception {
        assertMapsItsClassDataArchive("the shipped archive checked, kept and mapped (built with this JDK?)");
    }

    /** The running server keeps one class-data archive, checked (data/cds/classes-<key>.jsa), and its JVM maps it. */
    private static void assertMapsItsClassDataArchive(String what) throws IOException {
        List<String> archives;
        try (var files = Files.list(dist.home().resolve("data/cds"))) {
            archives = files.map(f -> f.getFileName().toString()).toList();
        }
        assertTrue(archives.size() == 1 && archives.get(0).matches("classes-\\d+\\.jsa"), () -> what + ": " + archives);
        String archive = dist.home().resolve("data/cds").resolve(archives.get(0)).toString();
        assertTrue(dist.mappedFiles().stream().anyMatch(m -> m.endsWith(" " + archive)), what + ": not mapped");
    }

    /**
     * The launcher's settings (bin/setenv, run here on copies of the launcher's jars) give a server's JVM a class-data
     * archive: none yet, the JVM writes one at its exit; one written, a throw-away JVM maps it before it is kept and
     * mapped, in that folder or another (as the one the build writes); a partial one (a dump cut short) is thrown
     * away, never mapped, and the next exit writes it again. The console client's JVM and GIGAPLAN_CDS=off get none.
     */
    @Test
    @Order(1)
    void theServerKeepsAClassDataArchiveAndNeverMapsAPartialOne() throws Exception {
        Path home = launcherCopy();
        Path cds = home.resolve("data/cds");

        List<String> first = setenv(home, Map.of(), "server");
        Matcher dump = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)").matcher(first.get(0));
        assertTrue(dump.find(), () -> "a first server JVM writes an archive at its exit: " + first);
        Path written = Path.of(dump.group(1));
        assertEquals(cds, written.getParent());
        assertTrue(written.getFileName().toString().endsWith(".jsa.new"), written.toString());
        Path kept = cds.resolve(written.getFileName().toString().replace(".jsa.new", ".jsa"));

        // An archive of this class path, as the server's JVM writes at its exit (in its folder).
        Process dumping = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + written, "-cp", first.get(1), "-version").directory(home.toFile())
                .redirectErrorStream(true).start();
        String said = new String(dumping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dumping.waitFor(60, TimeUnit.SECONDS) && dumping.exitValue() == 0 && Files.size(written) > 0, said);
        byte[] archive = Files.readAllBytes(written);

        List<String> second = setenv(home, Map.of(), "server");
        assertTrue(second.get(0).contains("-XX:SharedArchiveFile=" + kept), () -> "mapped once checked: " + second);
        assertTrue(Files.exists(kept) && !Files.exists(written), "kept under its name, the written one gone");
        assertEquals(second, setenv(home, Map.of(), "server"), "mapped at every start after");

        // The same archive in another folder: its class path is the same there.
        Path elsewhere = launcherCopy();
        Path elsewhereKept = elsewhere.resolve("data/cds").resolve(kept.getFileName());
        Files.createDirectories(elsewhereKept.getParent());
        Files.write(elsewhere.resolve("data/cds").resolve(written.getFileName()), archive);
        List<String> there = setenv(elsewhere, Map.of(), "server");
        assertTrue(there.get(0).contains("-XX:SharedArchiveFile=" + elsewhereKept), () -> "mapped elsewhere: " + there);

        // A dump cut short: half the archive. Thrown away, never kept; the next exit writes it again.
        Files.delete(kept);
        Files.write(written, java.util.Arrays.copyOf(archive, archive.length / 2));
        List<String> afterPartial = setenv(home, Map.of(), "server");
        assertEquals(first, afterPartial, "a partial archive is not mapped: the JVM writes it again at its exit");
        assertFalse(Files.exists(written) || Files.exists(kept), "the partial archive was removed");
        try (var left = Files.list(cds)) {
            assertEquals(List.of(), left.toList(), "nothing else left in data/cds");
        }
        try (var left = Files.list(home)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList(),
                    "the checking JVM's crash leaves no error file behind");
        }

        assertEquals("", setenv(home, Map.of(), "client").get(0), "the console client's JVM: none");
        assertEquals("", setenv(home, Map.of("GIGAPLAN_CDS", "off"), "server").get(0), "turned off: none");
    }

    /** A folder with the distribution's bin/setenv, its launcher's jars (their times kept) and an empty data/. */
    private static Path launcherCopy() throws IOException {
        Path home = Files.createTempDirectory("cds-home");
        Files.createDirectories(home.resolve("bin"));
        Files.copy(dist.home().resolve("bin/setenv"), home.resolve("bin/setenv"));
        for (String lib : List.of("lib/boot", "lib/jdk9plus")) {
            Files.createDirectories(home.resolve(lib));
            try (var jars = Files.list(dist.home().resolve(lib))) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, home.resolve(lib).resolve(jar.getFileName()),
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(home.resolve("data"));
        return home;
    }

    /** bin/setenv sourced as bin/karaf sources it, with these arguments: the server JVM's options and class path. */
    private static List<String> setenv(Path home, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "DIRNAME=\"$1/bin\"; PROGNAME=karaf; shift; "
                + ". \"$DIRNAME/setenv\"; printf '%s\\n%s\\n' \"$KARAF_OPTS\" \"$gigaplan_cp\"", "sh",
                home.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("KARAF_OPTS");
        pb.environment().remove("GIGAPLAN_CDS");
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        return List.of(lines.get(0).trim(), lines.get(1));
    }

    @Test
    @Order(1)
    void everyActionItemOfTheShippedPlanHasEvidenceAnInstalledModuleComputes() throws Exception {
        Distribution.awaitDemoFills(dist);
        JsonNode progress = dist.json("/api/progress?fiscalYear=2025");
        int items = 0;
        for (JsonNode policy : progress.path("policies")) {
            for (JsonNode measure : policy.path("measures")) {
                for (JsonNode item : measure.path("actionItems")) {
                    items++;
                    assertTrue(item.path("liveSource").asBoolean(), () -> "no live source: " + item);
                    boolean computed = false;
                    for (JsonNode i : item.path("indicators")) {
                        computed |= !"NO_MODULE".equals(i.path("status").asText());
                        assertFalse(i.path("definition").path("ja").asText().isBlank(), () -> "no definition: " + i);
                    }
                    assertTrue(computed, () -> "no indicator of " + item.path("id") + " is computed");
                }
            }
        }
        assertEquals(13, items);
        // The city's shares say how many of the schools expected reported.
        JsonNode scene1 = E2e.indicator(progress, "usage.scene1");
        assertTrue(scene1.path("coverage").path("expected").asInt() > 0, scene1::toString);
        assertTrue(E2e.indicator(progress, "usage.lesson-cases").path("value").asDouble() > 0,
                "the demo's lesson cases of FY2025");
    }

    // ---------------------------------------------------------------- the year's report

    @Test
    @Order(2)
    void theYearsReportDownloadsAsPdfAndCsvWithTheBoardsEvaluation() throws Exception {
        Response set = dist.send("PUT", "/api/report/evaluations/2?fiscalYear=2025",
                "{\"text\":\"研修の受講は計画どおり。\\n来年度は校内研修を支える。\"}");
        assertEquals(200, set.status(), () -> "set: " + set);
        assertEquals(2, set.json().path("policy").asInt());
        JsonNode published = dist.json("/api/report/evaluations?fiscalYear=2025");
        assertEquals("研修の受講は計画どおり。\n来年度は校内研修を支える。", published.path(0).path("text").asText(),
                () -> "public, as written: " + published);
        problem(dist.send("PUT", "/api/report/evaluations/9?fiscalYear=2025", "{\"text\":\"x\"}"), 400, "policy");
        problem(dist.send("PUT", "/api/report/evaluations/2?fiscalYear=2025",
                "{\"text\":\"" + "長".repeat(2001) + "\"}"), 400, "text");
        problem(dist.send("PUT", "/api/report/evaluations/2?fiscalYear=2031", "{\"text\":\"x\"}"), 404, "fiscalYear");
        assertTrue(dist.get("/api/audit?action=report/evaluations").body()
                .contains("evaluation of basic policy 2 for FY2025 set"),
                "audited");

        Response pdf = dist.get("/api/report/pdf?fiscalYear=2025");
        assertEquals(200, pdf.status(), () -> "pdf: " + pdf.contentType() + " " + pdf.body().substring(0, 200));
        assertTrue(pdf.contentType().startsWith("application/pdf"), pdf.contentType());
        assertTrue(pdf.body().startsWith("%PDF-"), "a PDF");
        problem(dist.get("/api/report/pdf?fiscalYear=2025&lang=fr"), 400, "lang");

        Response csv = dist.get("/api/report/csv?fiscalYear=2025&lang=en");
        assertEquals(200, csv.status(), () -> "csv: " + csv);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> rows = csv.body().lines().toList();
        assertTrue(rows.get(0).startsWith("\ufefffiscal_year,scope,policy,policy_title,indicator_id,"), rows.get(0));
        assertTrue(rows.stream().skip(1).allMatch(r -> r.startsWith("2025,city,")), "every row of the year and city");
        assertTrue(rows.stream().anyMatch(r -> r.contains(",usage.scene1,")), "scene 1");
        assertTrue(rows.stream().anyMatch(r -> r.matches(".*,(MET|BELOW|NO_TARGET|NO_DATA|INSUFFICIENT_DATA),"
                + "(Met|Below|No target|No data|Insufficient data),.*")), () -> "status as code and word: " + rows);
    }

    // ---------------------------------------------------------------- errors

    @Test
    @Order(2)
    void errorsAreProblemJsonNamingTheField() throws Exception {
        JsonNode unknownYear = problem(dist.get("/api/plan/action-plans/2031"), 404, "fiscalYear");
        assertTrue(unknownYear.path("detail").asText().contains("2031"), () -> "detail: " + unknownYear);
        problem(dist.get("/api/plan/action-plans/abc"), 400, "fiscalYear");

        problem(dist.post("/api/plan/import", "application/json", "{bad"), 400, "body");
        // The plan as served is a valid import; with one unknown member added it must be refused naming it.
        ObjectNode withUnknownField = (ObjectNode) dist.json("/api/plan");
        withUnknownField.put("e2eUnknownField", true);
        problem(dist.post("/api/plan/import", "application/json", withUnknownField.toString()), 400,
                "e2eUnknownField");
        JsonNode nested = problem(dist.post("/api/plan/import", "application/json",
                "{\"formatVersion\": 1, \"title\": {\"ja\": \"x\", \"en\": \"x\", \"e2eUnknownField\": 1}}"), 400,
                "title.e2eUnknownField");
        assertTrue(nested.path("detail").asText().contains("unknown field"), () -> "detail: " + nested);

        problem(dist.get("/api/schools?limit=0"), 400, "limit");
        // In the deployment's language (Japanese) for a caller who prefers it or names none; field names as they are.
        String tooLong = "{\"schoolId\":\"S-E01\",\"label\":\"" + "x".repeat(101) + "\"}";
        for (String language : new String[] { "ja", "" }) {
            HttpRequest.Builder request = HttpRequest.newBuilder(dist.uri("/api/api-keys"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("tester:" + dist.password("tester")).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(tooLong));
            if (!language.isEmpty()) {
                request.header("Accept-Language", "ja,en;q=0.5");
            }
            HttpResponse<String> ja = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(ja.body());
            assertEquals(400, ja.statusCode(), ja::body);
            assertEquals("入力に誤りがあります", body.path("title").asText(), ja::body);
            assertEquals("label", body.path("errors").path(0).path("field").asText(), ja::body);
            assertEquals("100文字以内にしてください", body.path("errors").path(0).path("detail").asText(), ja::body);
        }
        problem(dist.get("/api/schools?type=NOPE"), 400, "type");
        // Typed parameters that do not convert: 400 naming them, not JAX-RS's bare 404.
        problem(dist.get("/api/schools?limit=abc"), 400, "limit");
        problem(dist.get("/api/indicators?policy=x"), 400, "policy");
        problem(dist.get("/api/fiscal-years/current?date=2025-13-01"), 400, "date");
        // Dates outside the fiscal years the platform handles: 400 naming the field and the range, never a 500.
        JsonNode longAgo = problem(dist.get("/api/fiscal-years/current?date=1800-01-01"), 400, "date");
        assertTrue(longAgo.path("detail").asText().contains("1990-04-01 to 2101-03-31"), () -> "detail: " + longAgo);
        problem(dist.post("/api/usage/check-ins", "application/json", "[{\"schoolId\":\"S-E01\",\"grade\":5,"
                + "\"className\":\"1\",\"week\":\"1989-04-03\",\"scenes\":[{\"scene\":1,\"count\":3}]}]"), 400,
                "[0].week");
        problem(dist.post("/api/plan/import", "application/json", "null"), 400, "body");
        // Today is 2026-11-30, FY2026 (令和8年度): the default year of every view, which has no action plan yet.
        JsonNode today = dist.json("/api/clock");
        assertEquals("2026-11-30", today.path("today").asText(), today::toString);
        assertEquals("Asia/Tokyo", today.path("zone").asText(), today::toString);
        assertEquals(2026, dist.json("/api/fiscal-years/current").path("year").asInt());
        JsonNode none = problem(dist.get("/api/progress"), 404, "fiscalYear");
        assertEquals("urn:gigaplan:problem:no-action-plan", none.path("type").asText(), none::toString);
        assertEquals(2026, none.path("fiscalYear").asInt());
        assertEquals(2025, none.path("rollOverFrom").asInt(), "the board is offered the roll-forward");
        assertTrue(none.path("message").path("ja").asText().contains("令和8年度（FY2026）の行動計画はまだありません"),
                none::toString);
        assertTrue(none.path("message").path("en").asText().contains("no action plan for FY2026"), none::toString);
        problem(dist.get("/api/no-such-thing"), 404, null);

        // None of that changed the plan in force or its import history.
        assertEquals(13, countActionItems(dist.json("/api/plan/action-plans/2025")));
        assertEquals(1, dist.json("/api/plan/versions").size(), "plan imports");
    }

    /** Checks an RFC 9457 answer naming a field (or none, for a null field); returns its body. */
    private static JsonNode problem(Response r, int status, String field) {
        assertEquals(status, r.status(), () -> "status of " + r);
        assertNotNull(r.contentType(), () -> "no Content-Type: " + r);
        assertTrue(r.contentType().startsWith(PROBLEM_JSON), () -> "Content-Type of " + r);
        JsonNode body = r.json();
        assertEquals(status, body.path("status").asInt(), () -> "status member of " + r);
        if (field == null) {
            assertTrue(!body.has("field"), () -> "unexpected field member: " + r);
        } else {
            assertTrue(body.has("field"), () -> "no field member: " + r);
            assertEquals(field, body.path("field").asText(), () -> "field of " + r);
        }
        return body;
    }

    private static int countActionItems(JsonNode actionPlan) {
        int n = 0;
        for (JsonNode policy : actionPlan.path("policies")) {
            for (JsonNode measure : policy.path("measures")) {
                n += measure.path("actionItems").size();
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- schools

    @Test
    @Order(3)
    void schoolDirectory() throws Exception {
        JsonNode page = dist.json("/api/schools");
        assertEquals(11, page.path("total").asInt(), () -> "total: " + page);
        assertEquals(0, page.path("offset").asInt());
        assertEquals(50, page.path("limit").asInt());
        assertEquals(11, page.path("items").size());
        page.path("items").forEach(s -> assertTrue(s.path("sample").asBoolean(), () -> "not sample: " + s));

        JsonNode second = dist.json("/api/schools?offset=10&limit=5");
        assertEquals(1, second.path("items").size(), () -> "last page: " + second);
        assertEquals(11, second.path("total").asInt());

        // text/plain is what any web page may post to another site without asking: CSV comes as text/csv only.
        Response plain = dist.post("/api/schools/import", "text/plain", CSV_HEADER
                + "E2E-09,テスト第九小学校,E2E Ninth Elementary School,ELEMENTARY,120,6\n");
        assertEquals(415, plain.status(), () -> "text/plain import: " + plain);
        assertTrue(plain.contentType().startsWith(PROBLEM_JSON), () -> "text/plain import: " + plain);
        assertEquals(11, dist.json("/api/schools").path("total").asInt(), "nothing imported");

        Response imported = dist.post("/api/schools/import", "text/csv", CSV_HEADER
                + "E2E-01,テスト第一小学校,E2E First Elementary School,ELEMENTARY,120,6\n"
                + "E2E-02,テスト第二中学校,E2E Second Junior High School,JUNIOR_HIGH,300,9\n");
        assertEquals(200, imported.status(), () -> "import: " + imported);
        assertEquals(2, imported.json().path("added").asInt(), () -> "import: " + imported);
        assertEquals(0, imported.json().path("updated").asInt(), () -> "import: " + imported);

        JsonNode e2e01 = dist.json("/api/schools/E2E-01");
        assertEquals("テスト第一小学校", e2e01.path("name").path("ja").asText());
        assertEquals("ELEMENTARY", e2e01.path("type").asText());
        assertEquals(120, e2e01.path("enrollment").asInt());
        assertFalse(e2e01.path("sample").asBoolean(), "imported schools are real, not sample");
        assertEquals(13, dist.json("/api/schools").path("total").asInt());

        // The same file as Japanese Excel saves it by default (CP932): read as the same schools, so nothing changes;
        // declared as UTF-8 it is refused naming the encoding, never stored as mojibake.
        byte[] cp932 = (CSV_HEADER + "E2E-01,テスト第一小学校,E2E First Elementary School,ELEMENTARY,120,6\n")
                .getBytes(java.nio.charset.Charset.forName("windows-31j"));
        Response fromExcel = dist.postBytes("/api/schools/import", "text/csv", cp932, false);
        assertEquals(200, fromExcel.status(), () -> "CP932: " + fromExcel);
        assertEquals(0, fromExcel.json().path("updated").asInt(), () -> "unchanged: " + fromExcel);
        assertEquals(200, dist.postBytes("/api/schools/import", "text/csv; charset=Shift_JIS", cp932, false).status());
        JsonNode misread = problem(dist.postBytes("/api/schools/import", "text/csv; charset=UTF-8", cp932, false), 400,
                "body");
        assertTrue(misread.path("detail").asText().contains("UTF-8"), misread::toString);
        assertEquals("テスト第一小学校", dist.json("/api/schools/E2E-01").path("name").path("ja").asText());

        // One bad row refuses the whole file: the good row before it is not stored either.
        Response refused = dist.post("/api/schools/import", "text/csv", CSV_HEADER
                + "E2E-03,テスト第三小学校,E2E Third Elementary School,ELEMENTARY,80,4\n"
                + "E2E-04,テスト第四小学校,E2E Fourth Elementary School,ELEMENTARY,x,4\n");
        assertEquals(400, refused.status(), () -> "bad CSV: " + refused);
        assertTrue(refused.contentType().startsWith(PROBLEM_JSON), () -> "bad CSV: " + refused);
        String field = refused.json().path("field").asText();
        assertTrue(field.contains("enrollment") && field.contains("3"),
                () -> "field should name line 3's enrollment: " + refused);
        assertEquals(404, dist.get("/api/schools/E2E-03").status(), "good row of a refused file was stored");
        assertEquals(404, dist.get("/api/schools/E2E-04").status());
        assertEquals(13, dist.json("/api/schools").path("total").asInt());
    }

    // ---------------------------------------------------------------- console

    @Test
    @Order(5)
    void consoleCommands() throws Exception {
        String features = dist.console("feature:list -i");
        assertTrue(features.contains("gigaplan-platform"), () -> "feature:list -i:\n" + features);
        // Each policy module is a root feature of its own, so an operator can uninstall it.
        for (String module : List.of("gigaplan-usage", "gigaplan-training", "gigaplan-environment", "gigaplan-outreach",
                "gigaplan-dashboard")) {
            assertTrue(Pattern.compile("(?m)^" + module + "\\s+\\|").matcher(features).find(),
                    () -> "feature " + module + " not installed:\n" + features);
        }

        // SPI Fly is there for Liquibase's bundle to resolve, and not started: the platform gives Liquibase its class
        // loader itself, and SPI Fly running cost each start seconds of CPU.
        String bundles = dist.console("bundle:list -s -t 0");
        String spifly = bundles.lines()
                .filter(l -> l.contains("org.apache.aries.spifly.dynamic.bundle")).findFirst().orElse("(not installed)");
        assertTrue(spifly.contains("Resolved"), () -> "SPI Fly: " + spifly);
        // The JAX-RS feature leaves out CXF's optional Jackson and YAML providers: one Jackson, one SnakeYAML (2.x).
        assertFalse(bundles.contains("jackson-dataformat-yaml"), () -> "CXF's YAML provider installed:\n" + bundles);
        assertEquals(1, bundles.lines().filter(l -> l.contains("snakeyaml")).count(), () -> "SnakeYAML:\n" + bundles);
        // A console login logs no warning: the JAAS realms' EventAdmin audit is off (no EventAdmin is installed; it
        // logged a NoClassDefFoundError at every login).
        String log = Files.readString(dist.karafLog(), StandardCharsets.UTF_8);
        assertFalse(log.contains("Unable to send security auditing EventAdmin events"), "an audit warning at a login");
        // The bcrypt encryption service starts before the JAAS modules: with a user in etc/users.properties (as here)
        // the other way round held every start up for 10 s.
        assertTrue(startLevel(bundles, "org.apache.karaf.jaas.spring-security-crypto")
                < startLevel(bundles, "org.apache.karaf.jaas.modules"), () -> "bundle:list -s -t 0:\n" + bundles);

        String plan = dist.console("plan:show -y 2025 --lang en");
        assertTrue(plan.contains("P1-B1"), () -> "plan:show:\n" + plan);
        assertTrue(plan.contains("13 action items"), () -> "plan:show:\n" + plan);

        String schools = dist.console("school:list");
        assertTrue(schools.contains("S-E01"), () -> "school:list:\n" + schools);
        assertTrue(schools.contains("E2E-01"), () -> "school:list:\n" + schools);
        // The console speaks the deployment's language (ja) unless told otherwise.
        assertTrue(schools.contains("学校種") && schools.contains("【サンプル】青葉台小学校") && schools.contains(" 校"),
                () -> "school:list in Japanese:\n" + schools);
        String japanesePlan = dist.console("plan:show -y 2025");
        assertTrue(japanesePlan.contains("取組 13"), () -> "plan:show in Japanese:\n" + japanesePlan);

        // The all-in-one feature installs every policy module the distribution ships.
        String modules = dist.console("gigaplan:modules");
        assertTrue(modules.contains("usage"), () -> "gigaplan:modules:\n" + modules);

        String help = dist.console("plan:show --help");
        assertTrue(help.contains("SYNTAX") && help.contains("plan:show"), () -> "plan:show --help:\n" + help);
        assertTrue(help.contains("--fiscal-year") && help.contains("--lang"), () -> "plan:show --help:\n" + help);

        // A console write is audited under the console user, like an /api write.
        Path csv = dist.workDir().resolve("console-schools.csv");
        Files.writeString(csv, CSV_HEADER + "E2E-C1,テスト第四小学校,E2E Console Elementary School,ELEMENTARY,90,4\n");
        String imported = dist.console("school:import " + csv);
        assertTrue(imported.contains("1 added"), () -> "school:import:\n" + imported);
        String audit = dist.console("audit:list --action school:import");
        assertTrue(audit.contains("console") && audit.contains("tester") && audit.contains("E2E-C1"),
                () -> "audit:list:\n" + audit);
        // The roster tried from the console: what would change, nothing stored.
        Path roster = Files.write(dist.workDir().resolve("roster.zip"), E2e.rosterZip("E2E-R1"));
        String tried = dist.console("roster:import --dry-run " + roster);
        assertTrue(tried.contains("Would import") && tried.contains("E2E-R1") && tried.contains("new"),
                () -> "roster:import --dry-run:\n" + tried);
        assertEquals(404, dist.get("/api/schools/E2E-R1").status(), "a dry run stores nothing");
        String hooks = dist.console("network:webhooks");
        assertTrue(hooks.contains("(no webhooks)") || hooks.contains("School"), () -> "network:webhooks:\n" + hooks);
        JsonNode entry = dist.json("/api/audit?action=school:import").path("items").get(0);
        assertEquals("console", entry.path("channel").asText(), () -> "audit entry: " + entry);
        assertEquals("ok", entry.path("outcome").asText(), () -> "audit entry: " + entry);
    }

    // ---------------------------------------------------------------- who may do what

    /**
     * One endpoint and the status each caller gets: anonymous, board, school A (S-E01), school B (S-E02), wrong
     * password, no role, an API key of school A, a revoked API key, teacher A01 of school A, a learner of school A.
     * Teacher and learner get what anonymous callers get where that is 200, else 403, unless a rule says otherwise.
     */
    private record Rule(String method, String path, String body, int anonymous, int board, int schoolA, int schoolB,
            int wrongPassword, int noRole, int agentA, int revokedKey, int teacherA, int learnerA) {

        Rule(String method, String path, String body, int anonymous, int board, int schoolA, int schoolB,
                int wrongPassword, int noRole, int agentA, int revokedKey, int teacherA) {
            this(method, path, body, anonymous, board, schoolA, schoolB, wrongPassword, noRole, agentA, revokedKey,
                    teacherA, anonymous == 200 ? 200 : 403);
        }

        Rule(String method, String path, String body, int anonymous, int board, int schoolA, int schoolB,
                int wrongPassword, int noRole, int agentA, int revokedKey) {
            this(method, path, body, anonymous, board, schoolA, schoolB, wrongPassword, noRole, agentA, revokedKey,
                    anonymous == 200 ? 200 : 403);
        }
    }

    @Test
    @Order(4)
    void accessRules() throws Exception {
        // School A lists its teachers A01 and A02: records may name only listed teachers.
        dist.listTeachers("S-E01", "A01", "A02");
        // Machine clients: the board hands out API keys bound to a school; a revoked one is refused everywhere.
        Response created = dist.post("/api/api-keys", "application/json",
                "{\"schoolId\":\"S-E01\",\"label\":\"e2e agent\"}");
        assertEquals(201, created.status(), () -> "create key: " + created);
        String agentKey = created.json().path("key").asText();
        Response other = dist.post("/api/api-keys", "application/json", "{\"schoolId\":\"S-E01\"}");
        String revokedKey = other.json().path("key").asText();
        assertEquals(204, dist.delete("/api/api-keys/" + other.json().path("keyId").asText()).status());
        assertEquals(404, dist.delete("/api/api-keys/" + other.json().path("keyId").asText()).status(), "revoked once");
        assertFalse(dist.get("/api/api-keys").body().contains(agentKey), "the key is shown once, at creation");
        List<String> callers = java.util.Arrays.asList(null, "tester", "school-a", "school-b",
                Distribution.WRONG_PASSWORD, "no-role", agentKey, revokedKey, "teacher-a", Distribution.LEARNER);

        List<Rule> rules = List.of(
                new Rule("GET", "/api/", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/plan", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/plan/action-plans/2025", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/plan/outlook", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/plan/versions", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("POST", "/api/plan/import", "{}", 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/plan/versions/1", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("POST", "/api/plan/action-plans", "{}", 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("POST", "/api/plan/action-plans/2025/publish", "{}", 401, 409, 403, 403, 401, 403, 403, 401),
                new Rule("POST", "/api/plan/action-plans/2025/items", "{}", 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("PUT", "/api/plan/action-plans/2025/items/P1-B1", "{}", 401, 409, 403, 403, 401, 403, 403, 401),
                new Rule("DELETE", "/api/plan/action-plans/2025/items/NOPE", null, 401, 404, 403, 403, 401, 403, 403, 401),
                new Rule("PUT", "/api/plan/indicators/usage.scene1", "{}", 401, 409, 403, 403, 401, 403, 403, 401),
                new Rule("PUT", "/api/plan/indicators/usage.scene1/targets/2025", "{}", 401, 400, 403, 403, 401, 403,
                        403, 401),
                new Rule("DELETE", "/api/plan/indicators/usage.scene1", null, 401, 409, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/clock", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/indicators", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/indicators/usage.scene1", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/fiscal-years", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/me", null, 401, 200, 200, 200, 401, 403, 200, 401, 200, 200),
                new Rule("GET", "/api/fiscal-years/current", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/fiscal-years/2025", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/schools", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("GET", "/api/schools/S-E01", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/schools/S-E02", null, 401, 200, 403, 200, 401, 403, 403, 401),
                new Rule("POST", "/api/schools/import", "", 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/progress?fiscalYear=2025", null, 200, 200, 200, 200, 401, 200, 200, 401),
                // A school's progress is for its staff and teachers, not its learners.
                new Rule("GET", "/api/progress?fiscalYear=2025&school=S-E01", null, 401, 200, 200, 403, 401, 401, 403, 401, 200),
                new Rule("GET", "/api/progress?fiscalYear=2025&school=S-E02", null, 401, 200, 403, 200, 401, 401, 403, 401, 403),
                // The year's report as files and the board's evaluations: the city's public, a school's as its progress.
                new Rule("GET", "/api/report/evaluations?fiscalYear=2025", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("PUT", "/api/report/evaluations/4?fiscalYear=2025", "{\"text\":\"\"}", 401, 204, 403, 403, 401,
                        403, 403, 401),
                new Rule("GET", "/api/report/csv?fiscalYear=2025", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/report/csv?fiscalYear=2025&school=S-E02", null, 401, 200, 403, 200, 401, 401, 403,
                        401, 403),
                new Rule("GET", "/api/report/pdf?fiscalYear=2025&school=S-E02", null, 401, 200, 403, 200, 401, 401, 403,
                        401, 403),
                new Rule("GET", "/api/modules", null, 401, 200, 200, 200, 401, 403, 403, 401),
                // No module is installed yet: the board gets 404 naming the module, everyone else is refused first.
                new Rule("GET", "/api/modules/nomodule/schools", null, 401, 404, 403, 403, 401, 403, 403, 401),
                new Rule("PUT", "/api/modules/nomodule/schools/S-E01", "{\"enabled\":false}", 401, 404, 403, 403, 401,
                        403, 403, 401),
                new Rule("GET", "/api/openapi.json", null, 200, 200, 200, 200, 401, 200, 200, 401),
                // Everyone with an inbox reads their own; the jobs, the delivery log and test mails are the board's.
                new Rule("GET", "/api/notifications", null, 401, 200, 200, 200, 401, 403, 403, 401, 200, 403),
                new Rule("GET", "/api/notifications/unread", null, 401, 200, 200, 200, 401, 403, 403, 401, 200, 403),
                new Rule("GET", "/api/notifications/preferences", null, 401, 200, 200, 200, 401, 403, 403, 401, 200,
                        403),
                new Rule("POST", "/api/notifications/999999/read", "{}", 401, 404, 404, 404, 401, 403, 403, 401, 404,
                        403),
                new Rule("GET", "/api/notifications/jobs", null, 401, 200, 403, 403, 401, 403, 403, 401, 403, 403),
                new Rule("GET", "/api/notifications/deliveries", null, 401, 200, 403, 403, 401, 403, 403, 401, 403, 403),
                new Rule("POST", "/api/notifications/jobs/no.such-job/run", "{}", 401, 404, 403, 403, 401, 403, 403,
                        401, 403, 403),
                new Rule("POST", "/api/notifications/test", "{}", 401, 400, 403, 403, 401, 403, 403, 401, 403, 403),
                new Rule("GET", "/api/health", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/explorer/", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/api-keys", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/audit", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("POST", "/api/api-keys", "{\"schoolId\":\"NOPE\"}", 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("DELETE", "/api/api-keys/0000000000000000", null, 401, 404, 403, 403, 401, 403, 403, 401),
                // Policy 1 (usage). Writes carry empty batches: refused as 400 where the caller may write, so the
                // matrix stores nothing. The city's figures, the reminder list and all schools' measures are the board's.
                new Rule("GET", "/api/usage/scenes", null, 401, 200, 200, 200, 401, 403, 200, 401),
                // A school's users asking without a school get their own school's figures.
                new Rule("GET", "/api/usage/attainment", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/attainment?schoolId=S-E01", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/attainment/trend?schoolId=S-E02", null, 401, 200, 403, 200, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/not-reporting", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/check-ins", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/check-ins?schoolId=S-E01", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/check-ins/export?schoolId=S-E02", null, 401, 200, 403, 200, 401, 403, 403, 401),
                new Rule("POST", "/api/usage/check-ins", "[]", 401, 400, 400, 400, 401, 403, 403, 401),
                new Rule("POST", "/api/usage/events", "[]", 401, 400, 400, 400, 401, 403, 400, 401),
                new Rule("GET", "/api/usage/schools/S-E01/classes", null, 401, 200, 200, 403, 401, 403, 403, 401),
                // A school's list of teachers: the school and the board; removing a teacher is the board's alone.
                new Rule("GET", "/api/schools/S-E01/teachers", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("PUT", "/api/schools/S-E02/teachers", "[{\"code\":\"a b\"}]", 401, 400, 403, 400, 401, 403, 403,
                        401),
                new Rule("DELETE", "/api/schools/S-E02/teachers/NOPE", null, 401, 404, 403, 403, 401, 403, 403, 401),
                new Rule("DELETE", "/api/usage/schools/S-E02/classes/999999", null, 401, 404, 403, 403, 401, 403, 403,
                        401),
                new Rule("PUT", "/api/usage/schools/S-E02/classes", "[]", 401, 400, 403, 400, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/schools/S-E01/measures", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/measures", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/cases", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("POST", "/api/usage/cases", "{}", 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/usage/cases/adoptions/by-school", null, 401, 200, 403, 403, 401, 403, 403, 401),
                // Policy 2 (training): a school's own answers and rates; the city's and every school's are the board's.
                new Rule("GET", "/api/training/checklist", null, 401, 200, 200, 200, 401, 403, 403, 401, 200),
                new Rule("GET", "/api/training/rates", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/training/rates/by-school", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/training/schools/S-E01/rates", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/training/schools/S-E01/assessments", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/training/schools/S-E02/assessments/export", null, 401, 200, 403, 200, 401, 403, 403,
                        401),
                new Rule("POST", "/api/training/schools/S-E02/assessments", "[]", 401, 400, 403, 400, 401, 403, 403, 401),
                new Rule("GET", "/api/training/courses", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("POST", "/api/training/courses", "{}", 401, 400, 400, 400, 401, 403, 403, 401),
                new Rule("GET", "/api/training/rates/genai", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/training/schools/S-E01/plan", null, 401, 200, 200, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/training/schools/S-E02/genai", null, 401, 200, 403, 200, 401, 403, 403, 401),
                // A teacher reads their own records, nobody else's; writes of their own with an empty batch are 400.
                new Rule("GET", "/api/training/schools/S-E01/teachers/A01/record", null, 401, 200, 200, 403, 401, 403,
                        403, 401, 200),
                new Rule("GET", "/api/training/schools/S-E01/teachers/A02/record", null, 401, 200, 200, 403, 401, 403,
                        403, 401, 403),
                new Rule("GET", "/api/training/schools/S-E02/teachers/A01/record", null, 401, 200, 403, 200, 401, 403,
                        403, 401, 403),
                new Rule("POST", "/api/training/schools/S-E01/assessments", "[]", 401, 400, 400, 403, 401, 403, 403, 401,
                        400),
                new Rule("POST", "/api/training/schools/S-E01/genai", "[]", 401, 400, 400, 403, 401, 403, 403, 401, 400),
                // Policy 3 (environment): agents post their school's measurements; the city's status is the board's.
                new Rule("POST", "/api/environment/measurements", "[]", 401, 400, 400, 400, 401, 403, 400, 401),
                new Rule("GET", "/api/environment/network/recommended-bandwidth?enrollment=420", null, 401, 200, 200, 200,
                        401, 403, 200, 401),
                new Rule("GET", "/api/environment/network/status", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("GET", "/api/environment/network/status?schoolId=S-E02", null, 401, 200, 403, 200, 401, 403, 403,
                        401),
                new Rule("GET", "/api/environment/network/measurements?schoolId=S-E01", null, 401, 200, 200, 403, 401, 403,
                        403, 401),
                new Rule("GET", "/api/environment/findings", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("GET", "/api/environment/findings?schoolId=S-E01", null, 401, 200, 200, 403, 401, 403, 403, 401),
                // xAPI: without the X-Experience-API-Version header every caller who may read is told so (400).
                new Rule("GET", "/api/environment/xapi/statements", null, 401, 400, 400, 400, 401, 403, 400, 401),
                new Rule("GET", "/api/environment/xapi/summary", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("DELETE", "/api/environment/xapi/learners", null, 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/environment/xapi/classes/5-1/activity?schoolId=S-E02", null, 401, 200, 403, 200, 401,
                        403, 403, 401),
                new Rule("GET", "/api/environment/xapi/classes?schoolId=S-E02", null, 401, 200, 403, 200, 401, 403, 403,
                        401),
                new Rule("GET", "/api/environment/findings/summary", null, 401, 200, 200, 200, 401, 403, 403, 401),
                new Rule("PUT", "/api/environment/findings/999999/assignment", "{}", 401, 404, 404, 404, 401, 403, 403,
                        401),
                new Rule("POST", "/api/environment/measurements/agent", "{}", 401, 400, 400, 400, 401, 403, 400, 401, 403,
                        403),
                // A teacher opens their school's classes' learning histories; a learner only their own history.
                new Rule("GET", "/api/environment/xapi/classes/5-1/activity", null, 401, 400, 200, 200, 401, 403, 403, 401,
                        200),
                new Rule("GET", "/api/environment/xapi/classes", null, 401, 400, 200, 200, 401, 403, 403, 401, 200),
                new Rule("GET", "/api/environment/xapi/me", null, 401, 403, 403, 403, 401, 403, 403, 401, 403, 200),
                new Rule("POST", "/api/environment/learning-history/schools/S-E01/uses", "[]", 401, 400, 400, 403, 401,
                        403, 403, 401, 400),
                new Rule("POST", "/api/environment/learning-history/schools/S-E01/uses",
                        "[{\"teacherId\":\"A02\",\"frequency\":\"WEEKLY\"}]", 401, 200, 200, 403,
                        401, 403, 403, 401, 403),
                new Rule("GET", "/api/environment/learning-history/schools/S-E01/uses", null, 401, 200, 200, 403, 401, 403,
                        403, 401),
                new Rule("GET", "/api/environment/learning-history/uses", null, 401, 200, 403, 403, 401, 403, 403, 401),
                // Policy 4 (outreach): families read the support site without logging in; posts are the board's,
                // meetings each school's own.
                new Rule("GET", "/api/outreach/site/posts", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/outreach/site/feed", null, 200, 200, 200, 200, 401, 200, 200, 401),
                new Rule("GET", "/api/outreach/site/posts/999999", null, 404, 404, 404, 404, 401, 404, 404, 401, 404, 404),
                new Rule("GET", "/api/outreach/posts", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("POST", "/api/outreach/posts", "{}", 401, 400, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/outreach/meetings/parent/compliance", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("GET", "/api/outreach/meetings/staff", null, 401, 200, 403, 403, 401, 403, 403, 401),
                new Rule("POST", "/api/outreach/schools/S-E01/parent-meetings", "[]", 401, 400, 400, 403, 401, 403, 403,
                        401),
                new Rule("GET", "/api/outreach/schools/S-E02/staff-meetings", null, 401, 200, 403, 200, 401, 403, 403,
                        401));
        List<String> wrong = new ArrayList<>();
        for (Rule rule : rules) {
            int[] expected = { rule.anonymous(), rule.board(), rule.schoolA(), rule.schoolB(), rule.wrongPassword(),
                    rule.noRole(), rule.agentA(), rule.revokedKey(), rule.teacherA(), rule.learnerA() };
            for (int i = 0; i < callers.size(); i++) {
                String caller = callers.get(i);
                Response r = switch (rule.method()) {
                    case "GET" -> dist.getAs(caller, rule.path());
                    case "POST" -> dist.postAs(caller, rule.path(), rule.path().endsWith("schools/import") ? "text/csv"
                            : "application/json", rule.body());
                    default -> dist.sendAs(caller, rule.method(), rule.path(), rule.body() == null ? "" : rule.body());
                };
                String who = caller == null ? "anonymous" : caller.equals(agentKey) ? "agent of A"
                        : caller.equals(revokedKey) ? "revoked key" : caller;
                if (r.status() != expected[i]) {
                    wrong.add(rule.method() + " " + rule.path() + " as " + who
                            + ": " + r.status() + ", expected " + expected[i] + " " + r);
                }
                if (r.status() >= 400 && !rule.path().startsWith("/api/explorer")) {
                    assertTrue(r.contentType().startsWith(PROBLEM_JSON), () -> "refusal not problem+json: " + r);
                }
                // Nothing of school B ever reaches school A, and the other way round (refusals name what was refused).
                if (r.status() >= 300) {
                    continue;
                }
                if ("school-a".equals(caller) || "teacher-a".equals(caller) || Distribution.LEARNER.equals(caller)) {
                    assertFalse(r.body().contains("S-E02"), () -> "school A saw school B: " + rule + " " + r);
                }
                if ("school-b".equals(caller)) {
                    assertFalse(r.body().contains("S-E01"), () -> "school B saw school A: " + rule + " " + r);
                }
            }
        }
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));

        // Who am I: the dashboard checks a login with it. A page sending X-Requested-With gets its 401 without the
        // Basic challenge, so the browser shows the page's form instead of its own password dialog.
        JsonNode me = dist.getAs("school-a", "/api/me").json();
        assertEquals("SCHOOL S-E01", me.path("role").asText() + " " + me.path("schoolId").asText(), () -> "me: " + me);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> challenged = http.send(HttpRequest.newBuilder(dist.uri("/api/me"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, challenged.statusCode());
        assertTrue(challenged.headers().firstValue("WWW-Authenticate").isPresent(), "a plain client is challenged");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(dist.uri("/api/me"))
                .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, page.statusCode());
        assertTrue(page.headers().firstValue("WWW-Authenticate").isEmpty(), "a page is not");

        // Security headers on pages and API answers; answers to a logged-in caller are never stored.
        for (String path : List.of("/dashboard/index.html", "/api/explorer/",
                "/api/plan", "/api/schools")) {
            java.net.http.HttpHeaders headers = dist.headers(path.equals("/api/schools") ? "school-a" : null, path);
            assertTrue(headers.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                    () -> path + ": " + headers.map());
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("same-origin", headers.firstValue("Referrer-Policy").orElse(""), path);
        }
        assertEquals("no-store", dist.headers("school-a", "/api/schools").firstValue("Cache-Control").orElse(""));

        // Guessing passwords: after ten wrong ones the name is refused for a while from that address, even with the
        // right password; its owner at another address still logs in.
        for (int i = 0; i < 10; i++) {
            assertEquals(401, dist.getAs("guessed:guess-" + i, "/api/me").status());
        }
        JsonNode locked = problem(dist.getAs("guessed", "/api/me"), 429, null);
        assertTrue(locked.path("detail").asText().contains("try again"), () -> "429: " + locked);
        assertEquals(403, dist.statusFrom("127.0.0.2", "guessed", "/api/me"),
                "the right password from another address: logged in (a user without a GIGA Plan role: 403)");
        assertEquals(403, dist.getAs("no-role", "/api/me").status(), "other names are not affected");

        JsonNode health = dist.getAs(null, "/api/health").json();
        assertEquals("UP", health.path("status").asText(), () -> "health: " + health);
        assertTrue(health.path("database").asBoolean() && health.path("demo").asBoolean(), () -> "health: " + health);
        assertTrue(health.path("demoCredentials").toString().contains("demo-board"), () -> "health: " + health);

        JsonNode own = dist.getAs("school-a", "/api/schools").json();
        assertEquals(1, own.path("total").asInt(), () -> "school A's directory: " + own);
        assertEquals("S-E01", own.path("items").get(0).path("id").asText());
        Response unauthorized = dist.getAs(null, "/api/schools");
        assertTrue(unauthorized.body().contains("board"), () -> "401 says which roles: " + unauthorized);

        // Passwords appear nowhere in clear: Karaf replaced them by digests, and the log never had them.
        String users = Files.readString(dist.home().resolve("etc/users.properties"), StandardCharsets.ISO_8859_1);
        String log = Files.readString(dist.home().resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        for (String password : dist.passwords()) {
            assertFalse(users.contains(password), "a password in clear in etc/users.properties");
            assertFalse(log.contains(password), "a password in the log");
        }
        for (String key : List.of(agentKey, revokedKey)) {
            assertFalse(log.contains(secretOf(key)), "an API key in the log");
        }
        // Users the first start made: admin from GIGAPLAN_ADMIN_PASSWORD, and the demo users of demo mode.
        assertEquals(200, dist.getAs("admin:" + dist.adminPassword(), "/api/plan/versions").status(), "admin is board");
        assertEquals(401, dist.getAs("admin:admin", "/api/plan/versions").status(), "no default admin password");
        assertEquals(200, dist.getAs("demo-board:demo", "/api/plan/versions").status(), "demo board user");
        Response demoSchool = dist.getAs("demo-school-e01:demo", "/api/schools");
        List<String> demoSchoolIds = new ArrayList<>();
        demoSchool.json().path("items").forEach(school -> demoSchoolIds.add(school.path("id").asText()));
        assertEquals(List.of("S-E01"), demoSchoolIds, () -> "demo school user sees its school only: " + demoSchool);
        assertTrue(log.contains("DEMO MODE") && log.contains("demo-board"), "demo users are announced in the log");
        // The demo agent's key from the README is an agent of S-E01: it logs in, and may not read schools.
        String demoKey = "gpk_de0de0de0de0de0d_demo-agent-key-of-sample-school-S-E01-00000";
        assertEquals(200, dist.getAs(demoKey, "/api/plan").status(), "demo agent key logs in");
        assertEquals(403, dist.getAs(demoKey, "/api/schools").status(), "demo agent key is an agent");

        // Every write is in the audit log, refusals included, and no password or key is.
        JsonNode refused = dist.json("/api/audit?actor=school-a&action=schools/import").path("items").get(0);
        assertEquals("403", refused.path("outcome").asText(), () -> "refused write: " + refused);
        assertEquals("S-E01", refused.path("school").asText(), () -> "refused write: " + refused);
        JsonNode imported = dist.json("/api/audit?actor=tester&action=schools/import").path("items");
        assertTrue(imported.toString().contains("E2E-01"), () -> "the board's school import: " + imported);
        JsonNode keyEntries = dist.json("/api/audit?action=api-keys").path("items");
        assertTrue(keyEntries.toString().contains("created for school S-E01"), () -> "key creation: " + keyEntries);
        Response all = dist.get("/api/audit?limit=500");
        for (String secret : dist.passwords()) {
            assertFalse(all.body().contains(secret), "a password in the audit log");
        }
        for (String key : List.of(agentKey, revokedKey)) {
            assertFalse(all.body().contains(secretOf(key)), "an API key in the audit log");
        }
        problem(dist.get("/api/audit?from=yesterday"), 400, "from");

        String keyList = dist.console("apikey:list --school S-E01");
        assertTrue(keyList.contains("e2e agent") && !keyList.contains(agentKey), () -> "apikey:list:\n" + keyList);
        assertTrue(users.contains("{CRYPT}"), "users.properties holds digests");

        // Bodies over etc/org.gigaplan.platform.api.cfg's maxRequestBytes (10 MiB) are refused, announced or streamed.
        int schools = dist.json("/api/schools").path("total").asInt();
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        for (boolean chunked : new boolean[] { false, true }) {
            Response r = dist.postBytes("/api/schools/import", "text/csv", tooLarge, chunked);
            assertEquals(413, r.status(), () -> (chunked ? "chunked: " : "with Content-Length: ") + r);
            assertTrue(r.contentType().startsWith(PROBLEM_JSON), () -> "413 not problem+json: " + r);
        }
        assertEquals(schools, dist.json("/api/schools").path("total").asInt(), "nothing imported");
    }

    // ---------------------------------------------------------------- module lifecycle

    /** A dashboard session of school-a begun by {@link #dashboardSessions()}: a restart must not end it. */
    private static String keptSession;

    /**
     * The dashboard's login: a session kept by the server in an HttpOnly, SameSite=Strict cookie; writes need its
     * token and this server's origin; logout ends it on the server, so the cookie is worth nothing afterwards.
     */
    @Test
    @Order(5)
    void dashboardSessions() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String origin = dist.uri("").toString().replaceAll("/$", "");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(dist.uri("/api/session"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"school-a\",\"password\":\"no\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").isEmpty(), "no browser password dialog");
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(dist.uri("/api/session"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"school-a\",\"password\":\""
                        + dist.password("school-a") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        for (String attribute : List.of("HttpOnly", "SameSite=Strict", "Path=/api")) {
            assertTrue(setCookie.contains(attribute), () -> attribute + " in " + setCookie);
        }
        assertFalse(login.body().contains(dist.password("school-a")), "the password is not echoed");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        JsonNode session = new ObjectMapper().readTree(login.body());
        assertTrue(session.path("active").asBoolean());
        assertEquals("SCHOOL", session.path("caller").path("role").asText());
        assertEquals("S-E01", session.path("caller").path("schoolId").asText());
        String token = session.path("csrfToken").asText();
        assertFalse(token.isBlank());
        assertFalse(setCookie.contains(token), "the token is not the session id");

        java.util.function.BiFunction<String, String[], HttpResponse<String>> call = (method, headers) -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(dist.uri(
                    method.equals("PUT") ? "/api/schools/S-E01/teachers" : method.equals("GET") ? "/api/me"
                            : "/api/session")).header("Cookie", cookie).header("Content-Type", "application/json")
                    .method(method, method.equals("PUT")
                            ? HttpRequest.BodyPublishers.ofString("[{\"code\":\"A01\"},{\"code\":\"A02\"}]")
                            : HttpRequest.BodyPublishers.noBody());
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        assertEquals(200, call.apply("GET", new String[0]).statusCode(), "the cookie logs in");
        assertTrue(call.apply("GET", new String[0]).body().contains("\"SCHOOL\""));
        assertEquals(403, call.apply("PUT", new String[] { "Origin", origin }).statusCode(), "a write without the token");
        assertEquals(403, call.apply("PUT", new String[] { "Origin", "http://evil.example", "X-CSRF-Token", token })
                .statusCode(), "a write from another site's page");
        assertEquals(403, call.apply("PUT", new String[] { "Origin", origin, "X-CSRF-Token", token + "x" })
                .statusCode(), "a write with another token");
        HttpResponse<String> written = call.apply("PUT", new String[] { "Origin", origin, "X-CSRF-Token",
                token });
        assertEquals(200, written.statusCode(), written.body());

        // Logout ends the session on the server: the cookie kept elsewhere no longer logs in.
        String copied = cookie;
        assertEquals(204, call.apply("DELETE", new String[] { "Origin", origin, "X-CSRF-Token", token }).statusCode());
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(dist.uri("/api/me"))
                .header("Cookie", copied).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, after.statusCode(), after.body());
        JsonNode none = new ObjectMapper().readTree(http.send(HttpRequest
                .newBuilder(dist.uri("/api/session")).header("Cookie", copied).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertFalse(none.path("active").asBoolean(), none::toString);

        // A session kept for restartKeepsData(): the server keeps sessions in its database.
        HttpResponse<String> kept = http.send(HttpRequest.newBuilder(dist.uri("/api/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"school-a\",\"password\":\"" + dist.password("school-a") + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, kept.statusCode(), kept.body());
        String keptCookie = kept.headers().firstValue("Set-Cookie").orElseThrow();
        keptSession = keptCookie.substring(0, keptCookie.indexOf(';'));
    }

    @Test
    @Order(6)
    void policyModuleComesAndGoes() throws Exception {
        // A developer's own policy-4 module replaces the shipped one: the operator uninstalls gigaplan-outreach first
        // (its indicators are the sample module's now) and leaves it uninstalled.
        String replaced = dist.console("feature:uninstall gigaplan-outreach");
        await("gigaplan-outreach to be gone (console said: " + replaced.strip() + ")", MODULE_TIMEOUT, () -> {
            assertEquals(List.of("environment", "training", "usage"), moduleIds());
            assertEquals(404, dist.get("/api/outreach/site/posts").status());
        });
        dist.uninstalled("/api/outreach/site/posts");
        String install = dist.installSampleModule();
        await("samplemod to be installed (console said: " + install.strip() + ")", MODULE_TIMEOUT, () -> {
            assertEquals(200, dist.get("/api/samplemod/ping").status());
            assertEquals(List.of("environment", "samplemod", "training", "usage"), moduleIds());
        });

        // The distribution runs in demo mode: the platform fills the newly installed module's demo data once,
        // for the current fiscal year (FY2026 on its clock) and the one before, and every school in the directory.
        int total = dist.json("/api/schools").path("total").asInt();
        String fill = "FY2026:" + total;
        await("the demo fill of samplemod", MODULE_TIMEOUT, () -> assertEquals(List.of("FY2025:" + total, fill),
                texts(dist.json("/api/samplemod/ping").path("demoFills"))));
        Response ping = dist.get("/api/samplemod/ping");
        assertTrue(ping.contentType().startsWith("application/json"), () -> "ping: " + ping);
        assertTrue(ping.json().path("pong").asBoolean(), () -> "ping: " + ping);
        String demo = dist.console("gigaplan:demo samplemod");
        assertTrue(demo.contains("Demo data filled for FY2026"), () -> "gigaplan:demo:\n" + demo);
        assertEquals(List.of("FY2025:" + total, fill, fill), texts(dist.json("/api/samplemod/ping").path("demoFills")),
                "gigaplan:demo fills again on demand");

        JsonNode module = module("samplemod");
        assertEquals("samplemod", module.path("id").asText(), () -> "module: " + module);
        assertEquals(4, module.path("basicPolicy").asInt(), () -> "module: " + module);
        assertEquals("org.gigaplan.tests.samplemodule", module.path("bundle").asText(), () -> "module: " + module);
        assertEquals(List.of("outreach.parent-meeting", "samplemod.visits"), texts(module.path("indicatorIds")), () -> "module: " + module);
        assertEquals("UP", module.path("health").path("state").asText(), () -> "module: " + module);

        // Its dashboard page is listed for anyone, served from its own bundle, and goes when the module goes.
        JsonNode pages = new ObjectMapper().readTree(dist.getAs(null, "/api/modules/pages").body());
        assertEquals(List.of("usage", "training", "environment", "samplemod"), pages.findValuesAsText("module"),
                pages::toString);
        Response page = dist.getAs(null, "/dashboard/modules/samplemod/page.js");
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.body().contains("export const routes"), page::toString);
        assertTrue(page.contentType().contains("javascript"), page::toString);

        JsonNode paths = dist.json("/api/openapi.json").path("paths");
        assertTrue(paths.has("/samplemod/ping"), () -> "openapi paths: " + fieldNames(paths));
        assertTrue(paths.path("/samplemod/ping").has("get"), () -> "openapi: " + paths.path("/samplemod/ping"));

        JsonNode progress = dist.json("/api/progress?fiscalYear=2025");
        JsonNode parentMeeting = E2e.indicator(progress, "outreach.parent-meeting");
        assertEquals("MET", parentMeeting.path("status").asText(), () -> "outreach.parent-meeting: " + parentMeeting);
        assertEquals(100.0, parentMeeting.path("value").asDouble(), () -> "outreach.parent-meeting: " + parentMeeting);
        assertEquals(11, parentMeeting.path("sampleSize").asInt(), () -> "outreach.parent-meeting: " + parentMeeting);
        assertEquals(2025, parentMeeting.path("target").path("fiscalYear").asInt(), () -> "target: " + parentMeeting);
        assertEquals(100.0, parentMeeting.path("target").path("value").asDouble(), () -> "target: " + parentMeeting);
        assertEquals("NO_MODULE", E2e.indicator(progress, "outreach.staff-meeting").path("status").asText());
        assertTrue(progress.path("demo").asBoolean(), () -> "a value from demo data marks the report: " + progress);
        assertEquals(List.of("samplemod"), texts(policy(progress, 4).path("modules")));
        JsonNode schoolProgress = dist.json("/api/progress?fiscalYear=2025&school=E2E-01");
        assertEquals("MET", E2e.indicator(schoolProgress, "outreach.parent-meeting").path("status").asText(),
                "per-school progress");

        // The board switches the module off for school A only: A's users are refused, B's are not, A's
        // progress says so, and the switch is audited; switched on again, A is served again.
        assertEquals(200, dist.getAs("school-a", "/api/samplemod/ping").status(), "school A before the switch");
        Response off = dist.send("PUT", "/api/modules/samplemod/schools/S-E01", "{\"enabled\":false}");
        assertEquals(200, off.status(), () -> "switch off: " + off);
        Response refused = dist.getAs("school-a", "/api/samplemod/ping");
        assertEquals(403, refused.status(), () -> "school A after the switch: " + refused);
        assertTrue(refused.body().contains("switched samplemod off"), () -> "says why: " + refused);
        assertEquals(200, dist.getAs("school-b", "/api/samplemod/ping").status(), "school B is not affected");
        assertEquals(200, dist.get("/api/samplemod/ping").status(), "the board is not affected");
        assertEquals("DISABLED", E2e.indicator(dist.json("/api/progress?fiscalYear=2025&school=S-E01"), "outreach.parent-meeting")
                .path("status").asText(), "school A's progress");
        assertEquals("MET", E2e.indicator(dist.json("/api/progress?fiscalYear=2025&school=S-E02"), "outreach.parent-meeting")
                .path("status").asText(), "school B's progress");
        JsonNode switches = dist.json("/api/modules/samplemod/schools");
        assertTrue(switches.toString().contains("{\"module\":\"samplemod\",\"schoolId\":\"S-E01\",\"enabled\":false}"),
                () -> "switches: " + switches);
        assertEquals(403, dist.getAs("school-a", "/api/modules/samplemod/schools").status(), "switches are the board's");
        problem(dist.send("PUT", "/api/modules/samplemod/schools/NOPE", "{\"enabled\":false}"), 404, "schoolId");
        problem(dist.send("PUT", "/api/modules/nomodule/schools/S-E01", "{\"enabled\":false}"), 404, "id");
        problem(dist.send("PUT", "/api/modules/samplemod/schools/S-E01", "{}"), 400, "enabled");
        JsonNode switchedOff = dist.json("/api/audit?action=modules/samplemod&school=S-E01").path("items");
        assertTrue(switchedOff.toString().contains("on → off"), () -> "audited for school S-E01: " + switchedOff);
        String enable = dist.console("gigaplan:enable samplemod S-E01");
        assertTrue(enable.contains("off → on"), () -> "gigaplan:enable:\n" + enable);
        assertEquals(200, dist.getAs("school-a", "/api/samplemod/ping").status(), "school A after switching on");

        String modules = dist.console("gigaplan:modules --lang en");
        assertTrue(modules.contains("samplemod") && modules.contains("Sample module (test fixture)"),
                () -> "gigaplan:modules:\n" + modules);

        String uninstall = dist.console("feature:uninstall gigaplan-samplemod");
        await("samplemod to be gone (console said: " + uninstall.strip() + ")", MODULE_TIMEOUT, () -> {
            assertEquals(404, dist.get("/api/samplemod/ping").status(), "ping");
            assertEquals(List.of("environment", "training", "usage"), moduleIds(), "modules");
            assertFalse(dist.json("/api/openapi.json").path("paths").has("/samplemod/ping"), "openapi");
            assertFalse(dist.getAs(null, "/api/modules/pages").body().contains("samplemod"), "dashboard pages");
            assertEquals(404, dist.getAs(null, "/dashboard/modules/samplemod/page.js").status(), "its page file");
            assertEquals("NO_MODULE", E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), "outreach.parent-meeting")
                    .path("status").asText(), "progress");
        });
        assertTrue(policy(dist.json("/api/progress?fiscalYear=2025"), 4).path("modules").isEmpty());
        assertEquals(13, countActionItems(dist.json("/api/plan/action-plans/2025")), "plan after uninstall");
        assertEquals(14, dist.json("/api/schools").path("total").asInt(), "schools after uninstall"); // 11 sample + E2E-01, E2E-02 (REST) + E2E-C1 (console)
    }

    /** Ids of the installed policy modules, sorted. */
    private static List<String> moduleIds() throws Exception {
        List<String> ids = new ArrayList<>();
        dist.json("/api/modules").forEach(m -> ids.add(m.path("id").asText()));
        return ids.stream().sorted().toList();
    }

    private static JsonNode module(String id) throws Exception {
        for (JsonNode m : dist.json("/api/modules")) {
            if (id.equals(m.path("id").asText())) {
                return m;
            }
        }
        throw new AssertionError("no module " + id + " in /api/modules");
    }

    private static JsonNode policy(JsonNode progress, int number) {
        for (JsonNode p : progress.path("policies")) {
            if (p.path("number").asInt() == number) {
                return p;
            }
        }
        throw new AssertionError("no basic policy " + number + " in progress report");
    }

    /** The secret part of an API key gpk_<16 hex digits>_<secret>; the secret may itself contain '_'. */
    private static String secretOf(String key) {
        return key.substring("gpk_".length() + 16 + 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    // ---------------------------------------------------------------- a new year

    @Test
    @Order(7)
    void hostileBodiesOnEveryWriteAreRefusedAndNeverAnError() throws Exception {
        List<String> failures = HostileBodies.check(dist);
        failures.addAll(HostileParameters.check(dist));
        assertTrue(failures.isEmpty(), () -> failures.size() + " wrong answers:\n" + String.join("\n", failures));
        // Path tricks under the dashboard and the explorer: a plain page or a problem, never the web server's own
        // page naming its servlets.
        for (String path : List.of("/dashboard/nothere.js", "/dashboard//x", "/dashboard/WEB-INF/web.xml",
                "/dashboard/%FF", "/api/explorer/nothere", "/api/explorer/%FF", "/nothere")) {
            Response r = dist.get(path);
            assertEquals(404, r.status(), () -> path + ": " + r);
            assertFalse(r.body().contains("SERVLET") || r.body().contains("default-") || r.body().contains("Jetty"),
                    () -> path + " shows the server's insides: " + r);
            assertTrue(r.contentType().startsWith("application/problem+json") || r.body().contains("ページが見つかりません"),
                    () -> path + ": " + r);
        }
    }

    @Test
    @Order(8)
    void theBoardRunsANewYearOverTheApiAndTheConsole() throws Exception {
        // Outside the plan period: refused naming the year and the period; nothing stored.
        JsonNode outside = problem(dist.post("/api/plan/action-plans", "application/json", "{\"fiscalYear\":2028}"),
                400, "fiscalYear");
        assertTrue(outside.path("detail").asText().contains("FY2023–FY2027"), outside::toString);
        int versions = dist.json("/api/plan/versions").size();

        Response created = dist.post("/api/plan/action-plans", "application/json", "{\"fiscalYear\":2026}");
        assertEquals(201, created.status(), created::toString);
        assertEquals("DRAFT", created.json().path("status").asText());
        assertEquals(13, countActionItems(created.json()), "every action item carried over");
        problem(dist.post("/api/plan/action-plans", "application/json", "{\"fiscalYear\":2026}"), 409, "fiscalYear");
        String rollover = dist.console("plan:rollover 2026");
        assertTrue(rollover.contains("has an action plan already"), () -> "plan:rollover:\n" + rollover);

        // A draft is the board's: schools and the public are told it is being drafted.
        JsonNode drafted = problem(dist.getAs("school-a", "/api/progress?fiscalYear=2026&school=S-E01"), 404,
                "fiscalYear");
        assertTrue(drafted.path("message").path("ja").asText().contains("作成中"), drafted::toString);
        assertEquals(200, dist.get("/api/progress?fiscalYear=2026").status(), "the board previews it");

        // Bad edits: 4xx naming the field, nothing stored.
        problem(dist.send("PUT", "/api/plan/indicators/usage.scene1/targets/2026", "{\"value\":120}"), 400, "value");
        problem(dist.send("PUT", "/api/plan/indicators/usage.scene1/targets/2031", "{\"value\":80}"), 400,
                "fiscalYear");
        problem(dist.post("/api/plan/action-plans/2026/items", "application/json", "{\"id\":\"P1-B1\",\"measure\":"
                + "\"1-2\",\"actor\":\"BOARD\",\"text\":{\"ja\":\"重複\"}}"), 409, "id");
        problem(dist.send("PUT", "/api/plan/action-plans/2026/items/P1-B1", "{\"indicatorIds\":[\"no.such\"]}"), 400,
                "indicatorIds[0]");
        ObjectNode reused = (ObjectNode) dist.json("/api/plan");
        reused.put("dataVersion", dist.json("/api/plan/versions").get(0).path("dataVersion").asText());
        reused.put("e2eNote", "other content");
        reused.remove("e2eNote");
        ((ObjectNode) reused.path("title")).put("en", "Other content under a reused version number");
        problem(dist.post("/api/plan/import", "application/json", reused.toString()), 409, "dataVersion");
        assertEquals(versions + 1, dist.json("/api/plan/versions").size(), "only the roll-forward stored");

        // Good edits: each a new version with before → after, in the audit log too.
        assertEquals(200, dist.send("PUT", "/api/plan/indicators/usage.scene1/targets/2026", "{\"value\":85}").status());
        Response item = dist.post("/api/plan/action-plans/2026/items", "application/json", "{\"id\":\"P1-B2\","
                + "\"measure\":\"1-2\",\"actor\":\"BOARD\",\"priority\":true,\"text\":{\"ja\":\"授業事例集を年2回配信する\","
                + "\"en\":\"Send out lesson cases twice a year\"},\"indicatorIds\":[\"usage.scene1\"]}");
        assertEquals(201, item.status(), item::toString);
        String target = dist.console("plan:target training.genai-use 2026 60");
        assertTrue(target.contains("set to 60.0"), () -> "plan:target:\n" + target);
        String published = dist.console("plan:publish 2026");
        assertTrue(published.contains("published"), () -> "plan:publish:\n" + published);
        JsonNode history = dist.json("/api/plan/versions");
        assertEquals(versions + 5, history.size(), () -> "versions: " + history);
        assertEquals(List.of("PUBLISH", "EDIT", "EDIT", "EDIT", "ROLLOVER"), List.of(history.get(0).path("kind").asText(),
                history.get(1).path("kind").asText(), history.get(2).path("kind").asText(),
                history.get(3).path("kind").asText(), history.get(4).path("kind").asText()));
        JsonNode targetChange = history.get(3).path("changes").get(0);
        assertEquals("indicators[usage.scene1].targets[2026].value", targetChange.path("path").asText());
        assertEquals("100.0", targetChange.path("before").asText());
        assertEquals("85.0", targetChange.path("after").asText());
        assertEquals("api:tester", history.get(3).path("by").asText());
        long rolled = history.get(4).path("version").asLong();
        JsonNode atRollover = dist.json("/api/plan/versions/" + rolled);
        assertEquals(100.0, E2e.targetOf(atRollover.path("plan"), "usage.scene1", 2026), "read back as it was");
        JsonNode audited = dist.json("/api/audit?action=plan").path("items");
        assertTrue(audited.toString().contains("100.0 → 85.0"), () -> "audit: " + audited);
        String listed = dist.console("plan:versions --changes -n 5");
        assertTrue(listed.contains("PUBLISH") && listed.contains("100.0 → 85.0"), () -> "plan:versions:\n" + listed);

        // Published: the public and schools see FY2026, with its targets.
        JsonNode progress = dist.getAs(null, "/api/progress?fiscalYear=2026").json();
        assertEquals(85.0, E2e.indicator(progress, "usage.scene1").path("target").path("value").asDouble());
        assertEquals(60.0, E2e.indicator(progress, "training.genai-use").path("target").path("value").asDouble());
        assertEquals(200, dist.getAs("school-a", "/api/progress?fiscalYear=2026&school=S-E01").status());
        assertEquals(14, countActionItems(dist.json("/api/plan/action-plans/2026")));
        assertEquals(200, dist.get("/api/progress").status(), "today's year has its action plan now");

        // The next plan period starts the same way, with its last year and title; every earlier year stays.
        Response next = dist.post("/api/plan/action-plans", "application/json", "{\"fiscalYear\":2028,\"newPeriod\":"
                + "{\"lastYear\":2032,\"title\":{\"ja\":\"仙台市学校教育情報化推進計画（令和10～14年度）\",\"en\":\"FY2028–FY2032\"}}}");
        assertEquals(201, next.status(), next::toString);
        JsonNode plan = dist.json("/api/plan");
        assertEquals(2028, plan.path("firstYear").asInt());
        assertEquals("sendai-2023-2027", plan.path("earlierPeriods").get(0).path("id").asText(), plan::toString);
        List<Integer> years = new ArrayList<>();
        dist.json("/api/fiscal-years").forEach(y -> years.add(y.path("year").asInt()));
        assertEquals(List.of(2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032), years);
        assertEquals(200, dist.get("/api/progress?fiscalYear=2025").status(), "an earlier period's year");
    }

    // ---------------------------------------------------------------- restart

    @Test
    @Order(9)
    void restartKeepsData() throws Exception {
        assertEquals(200, dist.get("/api/schools/E2E-01").status(), "precondition: schoolDirectory() imported E2E-01");
        assertEquals(200, dist.get("/api/schools/E2E-02").status(), "precondition: schoolDirectory() imported E2E-02");

        // An online backup, a write after it, and a restore: the write is gone, everything before it is there.
        String backedUp = dist.console("gigaplan:backup " + dist.home().resolve("backups"));
        java.util.regex.Matcher copy = Pattern.compile("Backed up in [0-9.]+ s: (\\S+)").matcher(backedUp);
        assertTrue(copy.find(), () -> "gigaplan:backup said:\n" + backedUp);
        assertEquals(200, dist.post("/api/schools/import", "text/csv", CSV_HEADER
                + "E2E-07,テスト第七小学校,E2E Seventh Elementary School,ELEMENTARY,70,3\n").status());
        assertEquals(200, dist.get("/api/schools/E2E-07").status(), "written after the backup");
        dist.stop();
        dist.restoreDerby(Path.of(copy.group(1)));

        dist.restartWithoutDemo();
        assertMapsItsClassDataArchive("the class-data archive kept through stops and restarts");
        assertEquals(404, dist.get("/api/schools/E2E-07").status(), "the restored backup is from before the write");
        if (keptSession != null) {
            HttpResponse<String> me = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(dist.uri("/api/me")).header("Cookie", keptSession).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), () -> "a dashboard session survives a restart: " + me.body());
        }

        // Leaving demo mode: the published demo passwords and key no longer log in, the log says so, health agrees.
        assertEquals(401, dist.getAs("demo-board:demo", "/api/plan/versions").status(), "demo board user removed");
        assertEquals(401, dist.getAs("demo-school-e01:demo", "/api/schools").status(), "demo school user removed");
        String demoKey = "gpk_de0de0de0de0de0d_demo-agent-key-of-sample-school-S-E01-00000";
        assertEquals(401, dist.getAs(demoKey, "/api/plan").status(), "demo agent key revoked");
        JsonNode health = dist.getAs(null, "/api/health").json();
        assertFalse(health.path("demo").asBoolean(), () -> "health: " + health);
        assertEquals(0, health.path("demoCredentials").size(), () -> "health: " + health);
        String log = Files.readString(dist.home().resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Left demo mode: removed demo user demo-board"), "the log says the users went");
        assertTrue(log.contains("Left demo mode: revoked the demo agent's API key"), "the log says the key went");
        assertEquals(200, dist.getAs("admin:" + dist.adminPassword(), "/api/plan/versions").status(), "admin stays");
        // The people's users are in the database (realm gigaplan), the users file keeps the console's: only its owner
        // reads it. (ClusterIT checks the database holds bcrypt hashes.)
        Path usersFile = dist.home().resolve("etc/users.properties");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(usersFile)));
        assertTrue(Files.readAllLines(usersFile, StandardCharsets.ISO_8859_1).stream()
                .noneMatch(l -> l.startsWith("admin")), "admin is not in the file");
        String realmUsers = dist.console("jaas:realm-manage --realm gigaplan", "jaas:user-list");
        assertTrue(Pattern.compile("(?m)^admin\\s*\\|\\s*\\|\\s*board\\s*$").matcher(realmUsers).find(),
                () -> "admin is a board user of realm gigaplan:\n" + realmUsers);

        JsonNode e2e01 = dist.json("/api/schools/E2E-01");
        assertEquals("テスト第一小学校", e2e01.path("name").path("ja").asText());
        assertEquals(120, e2e01.path("enrollment").asInt());
        JsonNode e2e02 = dist.json("/api/schools/E2E-02");
        assertEquals("JUNIOR_HIGH", e2e02.path("type").asText());
        assertEquals(300, e2e02.path("enrollment").asInt());
        assertEquals(14, dist.json("/api/schools").path("total").asInt(), "schools after restart");
        assertEquals(404, dist.get("/api/schools/E2E-03").status());
        assertEquals(13, countActionItems(dist.json("/api/plan/action-plans/2025")), "plan after restart");
        assertEquals(List.of("environment", "training", "usage"), moduleIds(), "the uninstalled module stays uninstalled");
    }

    // ---------------------------------------------------------------- crash

    /** Figures one crash-test batch stores: one class of its own, 20 weeks × 5 scenes. */
    private static final int WEEKS_PER_BATCH = 20;

    @Test
    @Order(10)
    void aKillDuringSustainedIngestLosesNoAcknowledgedBatchAndStoresNoHalfBatch() throws Exception {
        assertEquals(200, dist.post("/api/schools/import", "text/csv", CSV_HEADER
                + "E2E-CR,クラッシュテスト小学校,Crash Test Elementary School,ELEMENTARY,900,30\n").status());
        CheckInBatches batches = new CheckInBatches("E2E-CR", 1, "b", java.time.LocalDate.of(2025, 4, 7),
                WEEKS_PER_BATCH).start(2, body -> dist.post("/api/usage/check-ins", "application/json", body));
        try {
            batches.awaitAcknowledged(30, Duration.ofSeconds(180));
            dist.kill();
        } finally {
            batches.stop();
        }
        assertEquals(List.of(), batches.refused(), "batches refused before the crash");

        dist.start();
        Response export = dist.get("/api/usage/check-ins/export?fiscalYear=2025&schoolId=E2E-CR");
        assertEquals(200, export.status(), () -> "export: " + export);
        CheckInBatches.Outcome outcome = batches.check(export.body());
        System.out.println("[e2e] crash test: " + batches.summary() + " (kill -9), " + outcome.stored().size()
                + " stored after the restart");
        assertEquals(List.of(), outcome.lost(), "acknowledged batches lost or cut");
        assertEquals(List.of(), outcome.half(), "batches half stored");
        assertEquals(List.of(), outcome.wrong(), "figures stored with other values");
    }

    /** A bundle's start level in {@code bundle:list -s -t 0}: {@code id | state | level | version | name}. */
    private static int startLevel(String bundleList, String symbolicName) {
        return bundleList.lines().map(l -> l.split("\\|"))
                .filter(c -> c.length == 5 && c[4].trim().equals(symbolicName))
                .mapToInt(c -> Integer.parseInt(c[2].trim())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " not in bundle:list:\n" + bundleList));
    }
}
