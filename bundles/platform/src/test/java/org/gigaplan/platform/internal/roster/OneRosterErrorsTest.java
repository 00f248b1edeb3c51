package org.gigaplan.platform.internal.roster;

import static org.gigaplan.platform.internal.roster.RosterFixtures.AOBA;
import static org.gigaplan.platform.internal.roster.RosterFixtures.DISTRICT;
import static org.gigaplan.platform.internal.roster.RosterFixtures.SATO;
import static org.gigaplan.platform.internal.roster.RosterFixtures.editLine;
import static org.gigaplan.platform.internal.roster.RosterFixtures.errorAt;
import static org.gigaplan.platform.internal.roster.RosterFixtures.errorsOf;
import static org.gigaplan.platform.internal.roster.RosterFixtures.files;
import static org.gigaplan.platform.internal.roster.RosterFixtures.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

/** The bulk fixture spoilt in memory, one mistake at a time: each error names file, line and column. */
class OneRosterErrorsTest {

    private static final String NOWHERE = "00000000-0000-4000-8000-000000000000";

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aRequiredColumnMissingFromTheHeaderIsNamedOnLineOne() {
        Map<String, byte[]> files = editLine(files("bulk"), "classes.csv", 1,
                header -> header.replace("schoolSourcedId", "school_id"));
        List<FieldError> errors = errorsOf(files);
        // nothing more: references into the unreadable classes.csv are not checked
        assertEquals(List.of("classes.csv line 1.schoolSourcedId"), fields(errors));
        assertTrue(errors.get(0).detail().startsWith("required column missing from the header (columns are matched "
                + "by name, in any order; the header has sourcedId,status,"), errors.get(0).detail());
    }

    @Test
    void aBulkFileHoldsNoRowsToBeDeleted() {
        Map<String, byte[]> files = editLine(files("bulk"), "orgs.csv", 3, row -> row.replace(",active,",
                ",tobedeleted,"));
        assertEquals("blank or active in a bulk file (tobedeleted belongs in a delta), was \"tobedeleted\"",
                errorAt(errorsOf(files), "orgs.csv line 3.status").detail());
    }

    @Test
    void aDuplicateSourcedIdNamesTheLineThatHasItFirst() {
        Map<String, byte[]> files = editLine(files("bulk"), "users.csv", 3,
                row -> SATO + row.substring(row.indexOf(',')));
        assertEquals("\"" + SATO + "\" is already the sourcedId of line 2: each row needs its own",
                errorAt(errorsOf(files), "users.csv line 3.sourcedId").detail());
    }

    @Test
    void aReferenceIntoABulkFileMustResolve() {
        Map<String, byte[]> files = editLine(files("bulk"), "classes.csv", 3, row -> row.replace(AOBA, NOWHERE));
        List<FieldError> errors = errorsOf(files);
        assertEquals("no row of orgs.csv has the sourcedId \"" + NOWHERE + "\"",
                errorAt(errors, "classes.csv line 3.schoolSourcedId").detail());
        // 5年2組's enrollments still name 青葉小 as their school
        assertTrue(errorAt(errors, "enrollments.csv line 3.schoolSourcedId").detail().startsWith("the class "
                + "(classes.csv line 3) is of school \"" + NOWHERE + "\""));
    }

    @Test
    void aClassBelongsToAnOrgOfTypeSchool() {
        Map<String, byte[]> files = editLine(files("bulk"), "classes.csv", 2, row -> row.replace(AOBA, DISTRICT));
        assertEquals("\"" + DISTRICT + "\" is an org of type district (orgs.csv line 2): a school is needed",
                errorAt(errorsOf(files), "classes.csv line 2.schoolSourcedId").detail());
    }

    @Test
    void datesAreYearMonthDayAndInstantsIso8601() {
        Map<String, byte[]> files = editLine(files("bulk"), "academicSessions.csv", 2,
                row -> row.replace("2025-04-01", "2025/04/01"));
        editLine(files, "academicSessions.csv", 3, row -> row.replace("2025-09-30", "2025-03-31"));
        editLine(files, "orgs.csv", 2, row -> row.replace("2025-03-20T09:00:00.000Z", "2025-03-20 09:00"));
        List<FieldError> errors = errorsOf(files);
        assertEquals("a date as YYYY-MM-DD (2025-04-01), was \"2025/04/01\"",
                errorAt(errors, "academicSessions.csv line 2.startDate").detail());
        assertEquals("not before startDate 2025-04-01, was 2025-03-31",
                errorAt(errors, "academicSessions.csv line 3.endDate").detail());
        assertEquals("an ISO 8601 instant with its zone (2025-04-01T00:00:00.000Z), was \"2025-03-20 09:00\"",
                errorAt(errors, "orgs.csv line 2.dateLastModified").detail());
    }

    @Test
    void gradesAreJapanProfileOrCedsCodes() {
        Map<String, byte[]> files = editLine(files("bulk"), "classes.csv", 2, row -> row.replace(",P5,", ",P7,"));
        editLine(files, "courses.csv", 4, row -> row.replace("J1,J2,J3", "J1,,J3"));
        editLine(files, "users.csv", 7, row -> row.replace(",P5,", ",5年,"));
        List<FieldError> errors = errorsOf(files);
        assertEquals("unknown grade \"P7\": P1–P6 (小学校), J1–J3 (中学校), H1–H4 (高等学校), the CEDS codes (PK, KG, "
                + "01–13…) or an ext: value", errorAt(errors, "classes.csv line 2.grades").detail());
        assertEquals("a comma-separated list without empty items, was \"J1,,J3\"",
                errorAt(errors, "courses.csv line 4.grades").detail());
        assertTrue(errorAt(errors, "users.csv line 7.grades").detail().startsWith("unknown grade \"5年\""));
    }

    @Test
    void enumerationsBooleansUserIdsAndEmail() {
        Map<String, byte[]> files = editLine(files("bulk"), "classes.csv", 2, row -> row.replace(",homeroom,",
                ",club,"));
        editLine(files, "classes.csv", 3, row -> row.replace(",homeroom,", ",ext:special,"));
        editLine(files, "users.csv", 2, row -> row.replace(",true,", ",yes,")
                .replace("{LTI:t-sato}", "LTI:t-sato").replace(",sato.misaki@aoba-e.example.jp,,",
                        ",sato.misaki(at)aoba-e.example.jp,,"));
        List<FieldError> errors = errorsOf(files);
        assertEquals("one of homeroom, scheduled or an ext: value, was \"club\"",
                errorAt(errors, "classes.csv line 2.classType").detail());
        assertTrue(fields(errors).stream().noneMatch(f -> f.startsWith("classes.csv line 3")), "ext: is accepted");
        assertEquals("true or false, was \"yes\"", errorAt(errors, "users.csv line 2.enabledUser").detail());
        assertTrue(errorAt(errors, "users.csv line 2.userIds").detail().startsWith("a list of {type:identifier}"));
        assertEquals("an e-mail address (name@example.jp), was \"sato.misaki(at)aoba-e.example.jp\"",
                errorAt(errors, "users.csv line 2.email").detail());
    }

    @Test
    void aFileDeclaredBulkMustBeInTheSet() {
        Map<String, byte[]> files = files("bulk");
        files.remove("courses.csv");
        List<FieldError> errors = errorsOf(files);
        // the classes' references to the courses are not checked against a file that is not there
        assertEquals(List.of("manifest.csv line 8.value"), fields(errors));
        assertEquals("file.courses is bulk, yet courses.csv is not in the set: add the file or declare it absent",
                errors.get(0).detail());
    }

    @Test
    void aFileDeclaredAbsentMustNotBeInTheSet() {
        Map<String, byte[]> files = files("bulk");
        files.put("results.csv", "sourcedId,status\n".getBytes(StandardCharsets.UTF_8));
        List<FieldError> errors = errorsOf(files);
        assertEquals(List.of("manifest.csv line 18.value"), fields(errors));
        assertEquals("file.results is absent, yet results.csv is in the set: declare it bulk or delta, or leave the "
                + "file out", errors.get(0).detail());
    }

    @Test
    void aOneRosterFileTheManifestDoesNotDeclareIsRefusedAndOtherFilesIgnored() {
        Map<String, byte[]> files = files("bulk");
        files.put("readme.txt", "杜の都市 名簿 2025".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("lineItems.csv", "readme.txt"), OneRoster.read(files).ignoredFiles());
        editLine(files, "manifest.csv", 10, line -> "file.somethingElse,absent");
        assertEquals("demographics.csv is in the set but the manifest has no file.demographics: declare it bulk or "
                + "delta, or leave the file out", errorAt(errorsOf(files), "manifest.csv").detail());
    }

    @Test
    void theManifestIsRequiredWithItsVersionsAndModes() {
        Map<String, byte[]> files = files("bulk");
        files.remove("manifest.csv");
        assertEquals(List.of("manifest.csv"), fields(errorsOf(files)));
        files = replace(files("bulk"), "manifest.csv", "oneroster.version,1.2", "oneroster.version,1.1");
        replace(files, "manifest.csv", "file.academicSessions,bulk", "file.academicSessions,full");
        List<FieldError> errors = errorsOf(files);
        assertEquals("bulk, delta or absent for file.academicSessions, was \"full\"",
                errorAt(errors, "manifest.csv line 4.value").detail());
        assertEquals("oneroster.version must be 1.2, was \"1.1\"", errorAt(errors, "manifest.csv line 3.value")
                .detail());
    }

    @Test
    void errorsOfEveryFileAreCollectedIntoOneAnswer() {
        Map<String, byte[]> files = editLine(files("bulk"), "orgs.csv", 3, row -> row.replace(",active,", ",gone,"));
        editLine(files, "classes.csv", 2, row -> row.replace(",P5,", ",P7,"));
        editLine(files, "enrollments.csv", 8, row -> row.replace(",student,", ",pupil,"));
        editLine(files, "demographics.csv", 2, row -> row + ",one cell too many");
        List<FieldError> errors = errorsOf(files);
        // in the order the files are read: orgs, academicSessions, courses, classes, users, roles, enrollments…
        assertEquals(List.of("orgs.csv line 3.status", "classes.csv line 2.grades", "enrollments.csv line 8.role",
                "demographics.csv line 2"), fields(errors));
        assertEquals("one of administrator, guardian, proctor, student, teacher or an ext: value, was \"pupil\"",
                errors.get(2).detail());
        assertEquals("expected 16 columns, found 17", errors.get(3).detail());
    }

    @Test
    void aFileInNeitherUtf8NorCp932IsRefusedByName() {
        Map<String, byte[]> files = files("bulk");
        files.put("orgs.csv", new byte[] {'i', 'd', '\n', (byte) 0xFF, (byte) 0xFE, 'x', '\n'});
        FieldError e = errorAt(errorsOf(files), "orgs.csv");
        assertTrue(e.detail().startsWith("neither UTF-8 nor CP932"), e.detail());
    }

    @Test
    void aFileOfMoreThanTheRowLimitIsRefusedWhole() {
        StringBuilder orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,"
                + "parentSourcedId\n");
        for (int i = 0; i <= RosterTable.MAX_ROWS; i++) {
            orgs.append("o").append(i).append(",,,学校,school,,\n");
        }
        Map<String, byte[]> files = files("bulk");
        files.put("orgs.csv", orgs.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new FieldError("orgs.csv", "at most 200000 rows in one file, was 200001")),
                errorsOf(files));
    }

    @Test
    void pastAHundredErrorsTheLastSaysHowManyMore() {
        StringBuilder orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,"
                + "parentSourcedId\n");
        for (int i = 0; i < 150; i++) {
            orgs.append("o").append(i).append(",,,学校,college,,\n");
        }
        Map<String, byte[]> files = files("bulk");
        files.put("orgs.csv", orgs.toString().getBytes(StandardCharsets.UTF_8));
        List<FieldError> errors = errorsOf(files);
        assertEquals(100, errors.size());
        assertEquals("orgs.csv line 2.type", errors.get(0).field());
        assertEquals("roster", errors.get(99).field());
        assertTrue(errors.get(99).detail().matches("\\d+ more errors not listed: mend these and read the set again"),
                errors.get(99).detail());
    }
}
