package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeacherServiceTest {

    private final DataSource ds = TestDatabase.derby("teachers").dataSource();
    private TeacherServiceImpl teachers;

    /** A module whose records name teachers, kept in a map: school/code → records. */
    static final class RecordingModule implements PolicyModule {
        final Map<String, Integer> records = new HashMap<>();

        public String id() {
            return "recording";
        }

        public int basicPolicy() {
            return 9;
        }

        public LocalizedText name() {
            return LocalizedText.of("記録", "Recording");
        }

        public Set<String> indicatorIds() {
            return Set.of();
        }

        public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
            return Optional.empty();
        }

        @Override
        public int teacherRecords(String schoolId, String teacherCode) {
            return records.getOrDefault(schoolId + "/" + teacherCode, 0);
        }

        @Override
        public int removeTeacher(String schoolId, String teacherCode) {
            Integer n = records.remove(schoolId + "/" + teacherCode);
            return n == null ? 0 : n;
        }

        @Override
        public Map<String, Set<String>> teachersNamed() {
            return Map.of("S-E01", Set.of("OLD1", "T01"));
        }
    }

    @BeforeEach
    void setUp() {
        new PlatformDatabase(ds);
        TestDatabase.on(ds).clear(PlatformTables.ALL);
        PlatformDatabase db = new PlatformDatabase(ds);
        teachers = new TeacherServiceImpl(db, new SchoolServiceImpl(db));
    }

    private static List<TeacherServiceImpl.Listed> listed(String... codes) {
        List<TeacherServiceImpl.Listed> out = new ArrayList<>();
        for (String code : codes) {
            out.add(new TeacherServiceImpl.Listed(code, null));
        }
        return out;
    }

    private List<String> errors(String school, String... codes) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            byField.put("[" + i + "].teacherId", codes[i]);
        }
        FieldChecks check = new FieldChecks();
        teachers.checkListed(school, byField, check);
        return check.errors().stream().map(e -> e.field() + ": " + e.detail()).toList();
    }

    @Test
    void theListIsReplacedRetiringTeachersLeftOutAndRecordsNameOnlyListedOnes() {
        TeacherServiceImpl.ListChange first = teachers.replace("S-E01", List.of(new TeacherServiceImpl.Listed("T01", "青葉 一郎"),
                new TeacherServiceImpl.Listed(" T02 ", null)), "school@S-E01");
        assertEquals(List.of("T01", "T02"), first.added());
        assertEquals("青葉 一郎", first.teachers().get(0).name());
        assertEquals(List.of(), errors("S-E01", "T01", "T02"));
        List<String> refused = errors("S-E01", "T01", "X99", "", "a b");
        assertEquals(3, refused.size(), refused.toString());
        assertTrue(refused.get(0).startsWith("[1].teacherId: teacher X99 is not on S-E01's list"), refused.get(0));
        assertTrue(refused.get(1).startsWith("[2].teacherId: required"), refused.get(1));
        assertTrue(refused.get(2).startsWith("[3].teacherId: 1–32 letters"), refused.get(2));
        assertEquals(1, errors("S-E02", "T01").size(), "another school's list is its own");

        TeacherServiceImpl.ListChange second = teachers.replace("S-E01", listed("T02", "T03"), "school@S-E01");
        assertEquals(List.of("T03"), second.added());
        assertEquals(List.of("T01"), second.retired());
        assertEquals(List.of("T02", "T03"), teachers.list("S-E01", false).stream().map(Teacher::code).toList());
        assertEquals(3, teachers.list("S-E01", true).size(), "T01 stays, retired");
        assertTrue(errors("S-E01", "T01").get(0).contains("taken off"), errors("S-E01", "T01").toString());

        TeacherServiceImpl.ListChange third = teachers.replace("S-E01", listed("T01", "T02", "T03"), "board");
        assertEquals(List.of("T01"), third.relisted());
        assertEquals(List.of(), errors("S-E01", "T01"));
    }

    @Test
    void badListsAreRefusedWhole() {
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> teachers.replace("S-E01", listed("T01", "T01", "x y"), "board"));
        assertEquals(List.of("[1].code", "[2].code"), twice.errors().stream().map(e -> e.field()).toList());
        String[] many = new String[TeacherServiceImpl.MAX_LIST + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "T" + i;
        }
        assertThrows(InvalidInputException.class, () -> teachers.replace("S-E01", listed(many), "board"));
        assertThrows(InvalidInputException.class, () -> teachers.replace("NOPE", listed("T01"), "board"));
        assertTrue(teachers.list("S-E01", true).isEmpty());
    }

    @Test
    void aTeachersLoginListsThemAndModulesRecordsBeforeTheListsAreAdopted() {
        teachers.signedIn(new Caller("demo-teacher-e01", Role.TEACHER, "S-E01", "T09"));
        teachers.signedIn(new Caller("school", Role.SCHOOL, "S-E01"));
        assertEquals(List.of("T09"), teachers.list("S-E01", false).stream().map(Teacher::code).toList());
        assertEquals(Teacher.LOGIN, teachers.list("S-E01", false).get(0).source());

        teachers.replace("S-E01", listed("T01"), "board");
        RecordingModule module = new RecordingModule();
        module.records.put("S-E01/T01", 4);
        teachers.addModule(module);
        // OLD1 was named by records only: listed; T01 was listed already and stays as it was.
        Map<String, String> sources = new HashMap<>();
        teachers.list("S-E01", true).forEach(t -> sources.put(t.code(), t.source()));
        assertEquals(Map.of("T01", Teacher.LIST, "OLD1", Teacher.RECORDS, "T09",
                Teacher.LOGIN), sources);

        // The board sees T01's records and removes T01 with them.
        assertEquals(Map.of("recording", 4), teachers.records("S-E01", "T01").orElseThrow().records());
        assertEquals(Optional.of(Map.of("recording", 4, "notifications", 0)), teachers.remove("S-E01", "T01"));
        assertTrue(module.records.isEmpty());
        assertTrue(teachers.find("S-E01", "T01").isEmpty());
        assertEquals(Optional.empty(), teachers.remove("S-E01", "T01"), "gone: nothing to remove");

        // A teacher removed after their login is listed again on their next one.
        teachers.signedIn(new Caller("demo-teacher-e01", Role.TEACHER, "S-E01", "T09"));
        teachers.remove("S-E01", "T09");
        teachers.signedIn(new Caller("demo-teacher-e01", Role.TEACHER, "S-E01", "T09"));
        assertEquals(Teacher.LOGIN, teachers.find("S-E01", "T09").orElseThrow().source());
    }
}
