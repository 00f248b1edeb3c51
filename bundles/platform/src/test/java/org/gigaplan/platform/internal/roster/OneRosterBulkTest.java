package org.gigaplan.platform.internal.roster;

import static org.gigaplan.platform.internal.roster.RosterFixtures.AIZAWA;
import static org.gigaplan.platform.internal.roster.RosterFixtures.AOBA;
import static org.gigaplan.platform.internal.roster.RosterFixtures.AOBA_5_1;
import static org.gigaplan.platform.internal.roster.RosterFixtures.AOBA_HIMAWARI;
import static org.gigaplan.platform.internal.roster.RosterFixtures.DISTRICT;
import static org.gigaplan.platform.internal.roster.RosterFixtures.ENDO;
import static org.gigaplan.platform.internal.roster.RosterFixtures.HIROSE;
import static org.gigaplan.platform.internal.roster.RosterFixtures.HIROSE_1_1;
import static org.gigaplan.platform.internal.roster.RosterFixtures.ITO;
import static org.gigaplan.platform.internal.roster.RosterFixtures.SATO;
import static org.gigaplan.platform.internal.roster.RosterFixtures.SUGAWARA;
import static org.gigaplan.platform.internal.roster.RosterFixtures.TERM_1;
import static org.gigaplan.platform.internal.roster.RosterFixtures.WAKABAYASHI;
import static org.gigaplan.platform.internal.roster.RosterFixtures.WATANABE;
import static org.gigaplan.platform.internal.roster.RosterFixtures.YEAR_2025;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gigaplan.platform.internal.roster.RosterGrades.Grade;
import org.gigaplan.platform.internal.roster.RosterGrades.Stage;
import org.gigaplan.platform.internal.roster.RosterUser.UserId;
import org.junit.jupiter.api.Test;

/** The bulk fixture: 杜の都市's board, 青葉小 and 若林小 (elementary) and 広瀬中 (junior high), 2025年度. */
class OneRosterBulkTest {

    private final RosterSet set = OneRoster.readFolder(RosterFixtures.folder("bulk"));

    @Test
    void readsEveryFileTheManifestDeclaresBulk() {
        assertEquals(RosterMode.BULK, set.manifest().mode("users"));
        assertEquals(RosterMode.BULK, set.manifest().mode("users.csv"));
        assertEquals(RosterMode.ABSENT, set.manifest().mode("results"));
        assertEquals("1.2", set.manifest().oneRosterVersion());
        assertEquals("杜の都市 校務支援システム", set.manifest().properties().get("source.systemName"));
        // 4 orgs, 3 sessions (the year and its two terms), a course per school, 6 classes;
        // 5 teachers + 11 students + 1 board member; their 17 primary roles and 伊藤's secondary one;
        // 6 teachers' enrollments (伊藤 has two classes) and 12 students' (菅原 is in ひまわり学級 too)
        assertEquals(List.of(4, 3, 3, 6, 17, 18, 18, 2), List.of(set.orgs().size(), set.sessions().size(),
                set.courses().size(), set.classes().size(), set.users().size(), set.roles().size(),
                set.enrollments().size(), set.demographics().size()));
        assertEquals(List.of("lineItems.csv"), set.ignoredFiles(), "accepted, not read");
        assertEquals(List.of(), set.externalReferences(), "a bulk set resolves within itself");
    }

    @Test
    void theSchoolsAreTheOrgsOfTypeSchoolUnderTheBoard() {
        assertEquals(List.of("杜の都市立青葉小学校", "杜の都市立若林小学校", "杜の都市立広瀬中学校"),
                set.schools().stream().map(RosterOrg::name).toList());
        RosterOrg aoba = set.findOrg(AOBA).orElseThrow();
        assertEquals(DISTRICT, aoba.parentSourcedId());
        assertEquals("B104210000017", aoba.identifier());
        assertEquals("モリノミヤコシリツアオバショウガッコウ", aoba.kanaName());
        assertEquals(RosterStatus.ACTIVE, aoba.status());
        assertEquals(Instant.parse("2025-03-20T09:00:00Z"), aoba.dateLastModified());
        assertEquals(new SourceLine("orgs.csv", 3), aoba.source());
        assertEquals("district", set.findOrg(DISTRICT).orElseThrow().type());
    }

    @Test
    void aBulkRowWithBlankStatusAndDateIsActiveWithoutADate() {
        RosterSession term = set.findSession(TERM_1).orElseThrow();
        assertEquals(RosterStatus.ACTIVE, term.status());
        assertNull(term.dateLastModified());
        assertEquals(YEAR_2025, term.parentSourcedId());
        RosterSession year = set.findSession(YEAR_2025).orElseThrow();
        assertEquals(List.of("2025年度", "schoolYear", LocalDate.of(2025, 4, 1), LocalDate.of(2026, 3, 31), 2025),
                List.of(year.title(), year.type(), year.startDate(), year.endDate(), year.schoolYear()));
    }

    @Test
    void classesAreReadFromCp932WithTheirJapanProfileExtension() {
        // classes.csv is CP932, as Excel on Japanese Windows saves it
        RosterClass c51 = set.findClass(AOBA_5_1).orElseThrow();
        assertEquals("5年1組", c51.title());
        assertEquals("北校舎2階", c51.location());
        assertEquals(List.of("P5"), c51.grades());
        assertTrue(c51.homeroom());
        assertEquals(AOBA, c51.schoolSourcedId());
        assertEquals(List.of(YEAR_2025), c51.termSourcedIds());
        assertEquals(Boolean.FALSE, c51.specialNeeds());
        RosterClass himawari = set.findClass(AOBA_HIMAWARI).orElseThrow();
        assertEquals(List.of("P5", "P6"), himawari.grades());
        assertEquals(Boolean.TRUE, himawari.specialNeeds());
        assertEquals(List.of("5年1組", "5年2組", "6年1組", "ひまわり学級"),
                set.classesOf(AOBA).stream().map(RosterClass::title).toList());
    }

    @Test
    void usersAreReadFromUtf8WithABomWithTheirIdsAndKanaNames() {
        RosterUser sato = set.findUser(SATO).orElseThrow();
        assertEquals(new SourceLine("users.csv", 2), sato.source(), "the BOM does not hide the sourcedId column");
        assertEquals(List.of(new UserId("Microsoft", "sato.misaki@aoba-e.example.jp"), new UserId("LTI", "t-sato")),
                sato.userIds());
        assertEquals(List.of("美咲", "佐藤", "ミサキ", "サトウ"), List.of(sato.givenName(), sato.familyName(),
                sato.kanaGivenName(), sato.kanaFamilyName()));
        assertEquals("sato.misaki@aoba-e.example.jp", sato.email());
        assertEquals(Boolean.TRUE, sato.enabledUser());
        assertEquals(AOBA, sato.primaryOrgSourcedId());
        assertEquals(AOBA_5_1, sato.homeClass());
        assertNull(sato.middleName());
        assertEquals(List.of("P5"), set.findUser(SUGAWARA).orElseThrow().grades());
    }

    @Test
    void teachersAndStudentsOfASchoolGoByPrimaryRolesAndPrimaryOrg() {
        assertEquals(List.of("佐藤", "高橋", "伊藤"), familyNames(set.teachersOf(AOBA)));
        // 伊藤 also teaches at 若林小 with a secondary role: she is not one of its teachers
        assertEquals(List.of("渡辺"), familyNames(set.teachersOf(WAKABAYASHI)));
        assertEquals(List.of("阿部", "千葉", "菅原", "及川", "今野", "佐々木", "遠藤"), familyNames(set.studentsOf(AOBA)));
        assertEquals(List.of("小野寺", "後藤"), familyNames(set.studentsOf(HIROSE)));
        assertEquals(List.of(), set.teachersOf(DISTRICT));
        RosterRole secondary = set.roles().stream().filter(r -> r.userSourcedId().equals(ITO) && !r.primary())
                .findFirst().orElseThrow();
        assertEquals(WAKABAYASHI, secondary.orgSourcedId());
        assertTrue(set.roles().stream().anyMatch(r -> r.userSourcedId().equals(AIZAWA)
                && r.role().equals("districtAdministrator")));
        assertTrue(set.teachersOf(WAKABAYASHI).stream().noneMatch(u -> u.sourcedId().equals(ITO)));
        assertEquals(WATANABE, set.teachersOf(WAKABAYASHI).get(0).sourcedId());
    }

    @Test
    void enrollmentsCarryTheAttendanceNumberAndPublicFlagSpelledInUpperCase() {
        List<RosterEnrollment> c51 = set.enrollmentsOf(AOBA_5_1);
        assertEquals(List.of("teacher", "student", "student", "student"),
                c51.stream().map(RosterEnrollment::role).toList());
        assertEquals(Boolean.TRUE, c51.get(0).primary(), "佐藤 is 5年1組's 担任");
        assertNull(c51.get(0).shussekiNo());
        assertEquals(List.of(1, 2, 3), c51.subList(1, 4).stream().map(RosterEnrollment::shussekiNo).toList());
        assertEquals(Boolean.TRUE, c51.get(1).publicFlg());
        RosterEnrollment endo = set.enrollments().stream().filter(e -> e.userSourcedId().equals(ENDO)).findFirst()
                .orElseThrow();
        assertEquals(Boolean.FALSE, endo.publicFlg());
        assertEquals(LocalDate.of(2025, 4, 1), endo.beginDate());
        assertEquals(List.of(ITO, SUGAWARA), set.enrollmentsOf(AOBA_HIMAWARI).stream()
                .map(RosterEnrollment::userSourcedId).toList());
    }

    @Test
    void rolesAreMatchedByColumnNameWhateverTheOrder() {
        // roles.csv has its columns in another order than OneRoster's
        RosterRole sato = set.roles().get(0);
        assertEquals(List.of(SATO, AOBA, "teacher", "primary"), List.of(sato.userSourcedId(), sato.orgSourcedId(),
                sato.role(), sato.roleType()));
        assertEquals(LocalDate.of(2026, 3, 31), sato.endDate());
    }

    @Test
    void aClassMapsToAJapaneseGradeAndClassLabel() {
        RosterClass c51 = set.findClass(AOBA_5_1).orElseThrow();
        assertEquals(new Grade(Stage.ELEMENTARY, 5), RosterGrades.gradeOf(c51).orElseThrow());
        assertEquals("1", RosterGrades.classLabel(c51.title()));
        RosterClass hirose = set.findClass(HIROSE_1_1).orElseThrow();
        assertEquals(new Grade(Stage.JUNIOR_HIGH, 1), RosterGrades.gradeOf(hirose).orElseThrow());
        RosterClass himawari = set.findClass(AOBA_HIMAWARI).orElseThrow();
        assertFalse(RosterGrades.gradeOf(himawari).isPresent(), "a class of two grades has no one grade");
        assertEquals("ひまわり学級", RosterGrades.classLabel(himawari.title()));
    }

    @Test
    void theSameSetZippedInAFolderReadsTheSame() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        RosterFixtures.files("bulk").forEach((name, bytes) -> entries.put("杜の都市_2025/" + name, bytes));
        entries.put("__MACOSX/杜の都市_2025/._users.csv", new byte[] {0, 5, 22, 7});
        entries.put("杜の都市_2025/.DS_Store", new byte[] {0, 0, 0, 1});
        RosterSet zipped = OneRoster.readZip(new ByteArrayInputStream(RosterFixtures.zip(entries)));
        assertEquals(set.orgs(), zipped.orgs());
        assertEquals(set.classes(), zipped.classes());
        assertEquals(set.users(), zipped.users());
        assertEquals(set.enrollments(), zipped.enrollments());
        assertEquals(set.ignoredFiles(), zipped.ignoredFiles());
    }

    private static List<String> familyNames(List<RosterUser> users) {
        return users.stream().map(RosterUser::familyName).toList();
    }
}
