package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gigaplan.tests.e2e.Distribution.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A third party's policy module, made as docs/plugin-guide.md says: the platform's artifacts installed into the local
 * Maven repository, a module generated from the archetype outside our tree and built with Maven against them alone
 * (its own unit tests on the test kit run), its KAR installed into a running distribution at the console. Then the
 * module is there as its users meet it: listed, its REST resource under /api with the platform's authentication,
 * school scoping and errors, its console command, its dashboard page, its indicator in the progress roll-up once the
 * board adds it to the plan; taken away with the rest still running, and back with its data kept. The guide's worked
 * example (examples/programming, outside the reactor) is built the same way and dropped into deploy/ beside it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginArchetypeIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String MODULE = "literacy";
    private static final String INDICATOR = MODULE + ".schools-recording";
    /** The guide's worked example, examples/programming. */
    private static final String EXAMPLE = "programming";

    private static Distribution dist;
    private static Path kar;
    private static Path exampleKar;

    @BeforeAll
    static void buildTheModuleAndStartTheDistribution() throws Exception {
        Path work = Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("archetype");
        Path root = Path.of(E2e.property("gigaplan.e2e.root")).toAbsolutePath();
        // The guide's first step: the platform's artifacts in the local repository (here only what a module builds
        // against, so the test does not rebuild the distribution).
        maven(root, "install", "-DskipTests", "-pl",
                "bundles/module-parent,bundles/plan-model,bundles/testkit,bundles/testkit-osgi,archetype", "-am");
        Files.createDirectories(work);
        Path generated = work.resolve(MODULE);
        if (Files.exists(generated)) {
            try (var files = Files.walk(generated)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        maven(work, "org.apache.maven.plugins:maven-archetype-plugin:" + E2e.property("gigaplan.e2e.archetypeVersion")
                + ":generate", "-DarchetypeGroupId=org.gigaplan", "-DarchetypeArtifactId=gigaplan-module-archetype",
                "-DarchetypeVersion=" + E2e.property("gigaplan.e2e.version"), "-DgroupId=org.example.gigaplan",
                "-DartifactId=" + MODULE, "-Dversion=1.0.0", "-Dpackage=org.example.gigaplan." + MODULE,
                "-DmoduleId=" + MODULE, "-DmoduleClass=Literacy", "-DbasicPolicy=1");
        // Built outside our tree, against the installed artifacts; its own tests run, on the test kit and inside a
        // framework beside the platform.
        maven(generated, "verify");
        kar = generated.resolve("target/" + MODULE + "-1.0.0.kar");
        assertTrue(Files.isRegularFile(kar), "the build makes the KAR an operator installs: " + kar);
        assertTrue(Files.exists(generated.resolve("target/surefire-reports/TEST-org.example.gigaplan.literacy."
                + "internal.LiteracyServiceTest.xml")), "the module's unit tests ran");
        assertInFrameworkTestsRan(generated, 3);
        // The worked example, outside the reactor, built the same way.
        Path example = root.resolve("examples/" + EXAMPLE);
        maven(example, "clean", "verify");
        exampleKar = example.resolve("target/programming-lessons-1.0.0.kar");
        assertTrue(Files.isRegularFile(exampleKar), exampleKar::toString);
        assertInFrameworkTestsRan(example, 3);
        dist = Distribution.unpack(Path.of(E2e.property("gigaplan.e2e.distribution")), work.resolve("dist"));
        dist.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    /** Runs Maven (the build's own, on its local repository, offline when the build is) in a folder. */
    static void maven(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(E2e.property("gigaplan.e2e.maven"), "-B", "-q",
                "-Dmaven.repo.local=" + E2e.property("gigaplan.e2e.mavenRepo")));
        if (E2e.property("gigaplan.e2e.mavenOffline").endsWith("true")) {
            command.add("-o");
        }
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(Path.of(E2e.property("gigaplan.e2e.workdir")), "maven-", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", arguments) + " did not finish in 10 minutes");
        }
        assertEquals(0, p.exitValue(), () -> "mvn " + String.join(" ", arguments) + " in " + dir + " failed:\n"
                + Distribution.tail(log, 60));
    }

    /** The bnd tester's report of a module's in-framework tests: that many ran, none failed. */
    private static void assertInFrameworkTestsRan(Path module, int tests) throws IOException {
        Path reports = module.resolve("target/test-reports");
        String report;
        try (var files = Files.walk(reports)) {
            report = files.filter(f -> f.toString().endsWith(".xml")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
        }
        assertTrue(report.contains("tests=\"" + tests + "\"") && report.contains("failures=\"0\"")
                && report.contains("errors=\"0\""), () -> module + "'s in-framework tests: " + report);
    }

    /** Waits until a path answers the status (a KAR is picked up by a file watcher, not at once). */
    private static void awaitStatus(String path, int status) throws InterruptedException {
        Distribution.await(path + " answering " + status, TIMEOUT, () -> assertEquals(status, dist.get(path).status()));
    }

    @Test
    @Order(1)
    void theOperatorInstallsItsKarAtTheConsole() throws Exception {
        dist.console("kar:install " + kar.toUri());
        awaitStatus("/api/" + MODULE + "/share", 200);
        List<String> modules = new ArrayList<>();
        dist.json("/api/modules").forEach(m -> modules.add(m.path("id").asText()));
        assertTrue(modules.contains(MODULE) && modules.contains("usage"), modules::toString);
        assertEquals(401, dist.getAs(null, "/api/" + MODULE + "/share").status(), "the platform's authentication");
        Response page = dist.get("/dashboard/modules/" + MODULE + "/page.js");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("export const routes"), "its dashboard page");
    }

    @Test
    @Order(2)
    void aSchoolRecordsAndTheBoardSeesTheIndicatorOnceThePlanHoldsIt() throws Exception {
        String records = "/api/" + MODULE + "/schools/S-E01/records";
        Response made = dist.postAs("school-a", records, "application/json",
                "{\"day\":\"2025-06-02\",\"title\":\"6年 情報モラル（SNSとのつきあい方）\",\"hours\":2}");
        assertEquals(200, made.status(), made::toString);
        E2e.problem(dist.postAs("school-a", records, "application/json", "{\"day\":\"2025-06-02\",\"title\":\"\","
                + "\"hours\":0}"), 400, "hours");
        assertEquals(403, dist.postAs("school-b", records, "application/json", "{\"day\":\"2025-06-02\",\"title\":"
                + "\"x\",\"hours\":1}").status(), "another school's: the platform's scoping");
        assertEquals(1, dist.getAs("school-a", records + "?fiscalYear=2025").json().size());
        // The module proposes its indicator; the board adds it to the plan (the plan editor's API); the roll-up asks the
        // module.
        assertTrue(dist.json("/api/plan/proposals").toString().contains("\"id\":\"" + INDICATOR + "\""),
                "the module proposes its indicator");
        Response added = dist.post("/api/plan/proposals/" + INDICATOR, "application/json", "");
        assertEquals(201, added.status(), added::toString);
        assertEquals(MODULE, added.json().path("module").asText(), added::toString);
        assertEquals(409, dist.post("/api/plan/proposals/" + INDICATOR, "application/json", "").status(),
                "the plan holds it now");
        JsonNode indicator = E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), INDICATOR);
        long schools = dist.json("/api/" + MODULE + "/share?fiscalYear=2025").path("schools").asLong();
        assertEquals(100.0 / schools, indicator.path("value").asDouble(), 0.06, indicator::toString);
    }

    @Test
    @Order(3)
    void itsConsoleCommandLists() throws Exception {
        String out = dist.console(MODULE + ":records --fiscal-year 2025");
        assertTrue(out.contains("情報モラル") && out.contains("1 of "), out);
    }

    @Test
    @Order(4)
    void uninstalledTheRestRunsAndReinstalledItsDataIsKept() throws Exception {
        // Counted once the demo fills its arrival queued (behind the other modules') are done.
        Distribution.awaitDemoFills(dist);
        String records = "/api/" + MODULE + "/schools/S-E01/records?fiscalYear=2025";
        int before = dist.getAs("school-a", records).json().size();
        assertTrue(before >= 1, "the one recorded above, and the demo's");
        dist.console("kar:uninstall " + MODULE + "-1.0.0");
        awaitStatus("/api/" + MODULE + "/share", 404);
        // The rest runs on (the whiteboard redeploys the platform's application as a module leaves: a moment).
        awaitStatus("/api/usage/attainment?fiscalYear=2025", 200);
        assertFalse(dist.console("feature:list -i").contains(MODULE + " "), "its feature is gone");
        dist.console("kar:install " + kar.toUri());
        awaitStatus("/api/" + MODULE + "/share", 200);
        Distribution.awaitDemoFills(dist);
        assertEquals(before, dist.getAs("school-a", records).json().size(), "its table and records kept, none twice");
    }

    /**
     * The worked example beside it: its KAR installs, a teacher records two programming lessons of their class in the
     * year's last term, the class counts in the share of classes with at least two, the roll-up shows it once the
     * board adds the indicator, its command and page are there.
     */
    @Test
    @Order(5)
    void theWorkedExampleInstallsAndCountsClassesWithLessons() throws Exception {
        Files.copy(exampleKar, dist.home().resolve("deploy").resolve(exampleKar.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        awaitStatus("/api/" + EXAMPLE + "/share?fiscalYear=2025", 200);
        String lessons = "/api/" + EXAMPLE + "/schools/S-E01/lessons";
        for (String day : List.of("2026-01-20", "2026-02-03")) {
            Response made = dist.postAs("teacher-a", lessons, "application/json", "{\"grade\":5,\"className\":\"1\","
                    + "\"day\":\"" + day + "\",\"unit\":\"正多角形をかこう\",\"hours\":2,\"tools\":[\"Scratch\"]}");
            assertEquals(200, made.status(), made::toString);
        }
        E2e.problem(dist.postAs("teacher-a", lessons, "application/json", "{\"grade\":9,\"className\":\"1\","
                + "\"day\":\"2026-02-03\",\"unit\":\"x\",\"hours\":2}"), 400, "grade");
        assertEquals(401, dist.getAs(null, lessons).status());
        JsonNode share = dist.json("/api/" + EXAMPLE + "/share?fiscalYear=2025");
        assertEquals(1, share.path("classesCounted").asInt(), share::toString);
        assertEquals(2, share.path("term").path("number").asInt(), "the year's last term (前期・後期)");
        Response added = dist.post("/api/plan/proposals/" + EXAMPLE + ".classes-with-lessons", "application/json", "");
        assertEquals(201, added.status(), added::toString);
        assertEquals("CLASS", added.json().path("subject").asText(), added::toString);
        JsonNode indicator = E2e.indicator(dist.json("/api/progress?fiscalYear=2025"), EXAMPLE + ".classes-with-lessons");
        assertEquals(share.path("classesCounted").asDouble() * 100 / share.path("classes").asDouble(),
                indicator.path("value").asDouble(), 0.06, indicator::toString);
        String out = dist.console(EXAMPLE + ":lessons --fiscal-year 2025");
        assertTrue(out.contains("正多角形をかこう") && out.contains("1 of "), out);
        assertEquals(200, dist.get("/dashboard/modules/" + EXAMPLE + "/page.js").status());
    }

    /** The example dropped into deploy/ (the other way an operator installs): taken out and back, its lessons kept. */
    @Test
    @Order(6)
    void theWorkedExampleLeavesWithItsKarAndComesBackWithItsLessons() throws Exception {
        String lessons = "/api/" + EXAMPLE + "/schools/S-E01/lessons?fiscalYear=2025";
        // Counted once the demo fills its arrival queued are done.
        Distribution.awaitDemoFills(dist);
        int before = dist.getAs("teacher-a", lessons).json().size();
        assertTrue(before >= 2, "the teacher's two, and the demo's when the platform filled a demo year for it");
        Path deployed = dist.home().resolve("deploy").resolve(exampleKar.getFileName());
        Files.delete(deployed);
        awaitStatus("/api/" + EXAMPLE + "/share?fiscalYear=2025", 404);
        awaitStatus("/api/" + MODULE + "/share", 200);
        Files.copy(exampleKar, deployed);
        awaitStatus("/api/" + EXAMPLE + "/share?fiscalYear=2025", 200);
        Distribution.awaitDemoFills(dist);
        assertEquals(before, dist.getAs("teacher-a", lessons).json().size(), "its lessons kept, none added twice");
    }
}
