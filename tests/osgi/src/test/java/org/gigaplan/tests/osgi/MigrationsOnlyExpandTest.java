package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.gigaplan.testkit.Changelogs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nodes are upgraded one at a time (README, "Several nodes"): while old and new nodes share the database, a release's
 * migrations only add. Each bundle's changelog is read here, and its changesets that take something from the schema
 * must be the known ones of earlier releases: a new one fails until its author makes it a later release's step, once
 * no node of the version before runs, and lists it here.
 */
class MigrationsOnlyExpandTest {

    static Stream<Arguments> changelogs() {
        return Stream.of(
                Arguments.of("db/platform/changelog.xml", List.of()),
                Arguments.of("db/usage/changelog.xml", List.of("usage-9-periods")),
                Arguments.of("db/training/changelog.xml", List.of()),
                Arguments.of("db/environment/changelog.xml", List.of("environment-7-lock-key-only")),
                Arguments.of("db/outreach/changelog.xml", List.of()));
    }

    @ParameterizedTest
    @MethodSource("changelogs")
    void aBundlesMigrationsTakeNothingAwayButTheKnownOnesOfEarlierReleases(String changelog, List<String> known) {
        assertEquals(known, Changelogs.contracting(getClass().getClassLoader(), changelog), changelog);
    }
}
