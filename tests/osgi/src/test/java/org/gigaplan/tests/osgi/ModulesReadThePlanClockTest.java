package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gigaplan.testkit.SourceRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy modules take now, today and the zone from the platform's {@code PlanClock}, never from the machine's
 * clock, so that a trial set to another day (etc/org.gigaplan.platform.clock.cfg, {@code today}) moves what they
 * check against now and the times they store. Read from each module's sources beside this project.
 */
class ModulesReadThePlanClockTest {

    private static final Path BUNDLES = Path.of("..", "..", "bundles");

    @ParameterizedTest
    @ValueSource(strings = { "usage", "training", "environment", "outreach" })
    void aModuleNeverReadsTheMachinesClock(String module) {
        assertEquals(List.of(), SourceRules.systemClockReads(BUNDLES.resolve(module).resolve("src/main/java")),
                module + " reads the machine's clock: take PlanClock.now() or today() instead");
    }

    @Test
    void theSampleModuleFixtureReadsThePlatformsClockAsAModuleDoes() {
        assertEquals(List.of(), SourceRules.systemClockReads(Path.of("..", "sample-module", "src", "main", "java")));
    }

    @Test
    void theRuleSeesAReadAndPassesOverComments(@TempDir Path sources) throws IOException {
        Files.writeString(sources.resolve("A.java"), String.join("\n", "class A {",
                "    /** Not {@code Instant.now()}: the plan's clock. */",
                "    java.time.Instant at = clock.now(); // rather than Instant.now()",
                "    java.time.LocalDate day = java.time.LocalDate.now(zone);",
                "    String url = \"http://example.jp/\"; java.time.Instant sent = java.time.Instant.now();",
                "    char slash = '/'; String both = \"a\\\"//b\"; long ms = System.currentTimeMillis(); // a note",
                "}"));
        assertEquals(List.of("A.java:4: java.time.LocalDate day = java.time.LocalDate.now(zone);",
                "A.java:5: String url = \"http://example.jp/\"; java.time.Instant sent = java.time.Instant.now();",
                "A.java:6: char slash = '/'; String both = \"a\\\"//b\"; long ms = System.currentTimeMillis();"),
                SourceRules.systemClockReads(sources));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceRules.systemClockReads(sources.resolve("missing"))).getMessage().contains("no sources"));
    }
}
