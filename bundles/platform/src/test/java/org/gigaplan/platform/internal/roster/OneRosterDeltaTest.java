package org.gigaplan.platform.internal.roster;

import static org.gigaplan.platform.internal.roster.RosterFixtures.AOBA;
import static org.gigaplan.platform.internal.roster.RosterFixtures.AOBA_5_1;
import static org.gigaplan.platform.internal.roster.RosterFixtures.AOBA_HIMAWARI;
import static org.gigaplan.platform.internal.roster.RosterFixtures.HAYASAKA;
import static org.gigaplan.platform.internal.roster.RosterFixtures.HAYASAKA_IN_5_1;
import static org.gigaplan.platform.internal.roster.RosterFixtures.HAYASAKA_ROLE;
import static org.gigaplan.platform.internal.roster.RosterFixtures.SATO;
import static org.gigaplan.platform.internal.roster.RosterFixtures.SUGAWARA_IN_HIMAWARI;
import static org.gigaplan.platform.internal.roster.RosterFixtures.errorAt;
import static org.gigaplan.platform.internal.roster.RosterFixtures.errorsOf;
import static org.gigaplan.platform.internal.roster.RosterFixtures.files;
import static org.gigaplan.platform.internal.roster.RosterFixtures.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

/**
 * The delta fixture, in June 2025: 早坂 芽生 joins 5年1組, 佐藤's e-mail changes, ひまわり学級 is closed and 菅原's
 * enrollment in it ends.
 */
class OneRosterDeltaTest {

    private static final Instant JUNE = Instant.parse("2025-06-02T08:30:00Z");

    private final RosterSet set = OneRoster.readFolder(RosterFixtures.folder("delta"));

    @Test
    void onlyTheFilesDeclaredDeltaAreRead() {
        assertEquals(RosterMode.DELTA, set.manifest().mode("users"));
        assertEquals(RosterMode.ABSENT, set.manifest().mode("orgs"));
        assertEquals(List.of(0, 0, 0, 1, 2, 1, 2), List.of(set.orgs().size(), set.sessions().size(),
                set.courses().size(), set.classes().size(), set.users().size(), set.roles().size(),
                set.enrollments().size()));
        assertEquals(List.of(), set.ignoredFiles());
    }

    @Test
    void aNewStudentWithRoleAndEnrollment() {
        RosterUser hayasaka = set.findUser(HAYASAKA).orElseThrow();
        assertEquals(List.of("早坂", "芽生", "ハヤサカ"), List.of(hayasaka.familyName(), hayasaka.givenName(),
                hayasaka.kanaFamilyName()));
        assertEquals(RosterStatus.ACTIVE, hayasaka.status());
        assertEquals(JUNE, hayasaka.dateLastModified());
        assertEquals(List.of(hayasaka), set.studentsOf(AOBA));
        assertEquals(HAYASAKA_ROLE, set.roles().get(0).sourcedId());
        RosterEnrollment in51 = set.enrollmentsOf(AOBA_5_1).get(0);
        assertEquals(HAYASAKA_IN_5_1, in51.sourcedId());
        // this delta spells the extensions metadata.jp.shussekiNo and metadata.jp.publicFlg
        assertEquals(Integer.valueOf(4), in51.shussekiNo());
        assertEquals(Boolean.TRUE, in51.publicFlg());
    }

    @Test
    void aTeachersChangedEmail() {
        RosterUser sato = set.findUser(SATO).orElseThrow();
        assertEquals("misaki.sato@aoba-e.example.jp", sato.email());
        assertEquals(JUNE, sato.dateLastModified());
    }

    @Test
    void aClassAndAnEnrollmentToBeDeletedNeedOnlyTheirSourcedId() {
        RosterClass himawari = set.findClass(AOBA_HIMAWARI).orElseThrow();
        assertEquals(RosterStatus.TOBEDELETED, himawari.status());
        assertTrue(himawari.deleted());
        assertNull(himawari.title());
        assertNull(himawari.specialNeeds());
        RosterEnrollment ended = set.enrollments().stream().filter(e -> e.sourcedId().equals(SUGAWARA_IN_HIMAWARI))
                .findFirst().orElseThrow();
        assertEquals(RosterStatus.TOBEDELETED, ended.status());
        assertNull(ended.classSourcedId());
        assertEquals(List.of(), set.enrollmentsOf(AOBA_HIMAWARI), "the views show active rows only");
        assertEquals(List.of(), set.classesOf(AOBA));
    }

    @Test
    void referencesIntoFilesNotInTheDeltaAreLeftToStoredData() {
        // orgs.csv is absent and 5年1組 is not in classes.csv: both are stored from the bulk set.
        // 早坂 is in this users.csv, so the references to her resolve here.
        assertEquals(List.of("users.csv line 2.primaryOrgSourcedId → orgs " + AOBA,
                "users.csv line 2.metadata.jp.homeClass → classes " + AOBA_5_1,
                "users.csv line 3.primaryOrgSourcedId → orgs " + AOBA,
                "users.csv line 3.metadata.jp.homeClass → classes " + AOBA_5_1,
                "roles.csv line 2.orgSourcedId → orgs " + AOBA,
                "enrollments.csv line 2.classSourcedId → classes " + AOBA_5_1,
                "enrollments.csv line 2.schoolSourcedId → orgs " + AOBA),
                set.externalReferences().stream().map(r -> r.field() + " → " + r.file() + " " + r.sourcedId())
                        .toList());
    }

    @Test
    void anActiveRowMayNotReferToARowTheSameDeltaDeletes() {
        Map<String, byte[]> files = replace(files("delta"), "enrollments.csv", AOBA_5_1, AOBA_HIMAWARI);
        FieldError e = errorAt(errorsOf(files), "enrollments.csv line 2.classSourcedId");
        assertEquals("\"" + AOBA_HIMAWARI + "\" is deleted by this set (classes.csv line 2)", e.detail());
    }

    @Test
    void aDeltaRowNeedsItsStatusAndDateLastModified() {
        Map<String, byte[]> files = replace(files("delta"), "users.csv", ",active,2025-06-02T08:30:00.000Z,", ",,,");
        List<FieldError> errors = errorsOf(files);
        assertEquals("required in a delta file: active or tobedeleted", errorAt(errors, "users.csv line 2.status")
                .detail());
        assertTrue(errorAt(errors, "users.csv line 2.dateLastModified").detail().startsWith("required in a delta"));
        replace(files, "classes.csv", "tobedeleted", "deleted");
        assertEquals("active or tobedeleted, was \"deleted\"", errorAt(errorsOf(files), "classes.csv line 2.status")
                .detail());
    }

    @Test
    void aBadAttendanceNumberIsNamedInTheSpellingOfTheFile() {
        Map<String, byte[]> files = replace(files("delta"), "enrollments.csv", ",true\r\n", ",yes\r\n");
        replace(files, "enrollments.csv", ",4,", ",四,");
        List<FieldError> errors = errorsOf(files);
        assertEquals("a whole number from 1 to 9999, was \"四\"",
                errorAt(errors, "enrollments.csv line 2.metadata.jp.shussekiNo").detail());
        assertEquals("true or false, was \"yes\"", errorAt(errors, "enrollments.csv line 2.metadata.jp.publicFlg")
                .detail());
    }
}
