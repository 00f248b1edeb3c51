package org.gigaplan.platform.internal.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.roster.HomeroomClass;
import org.gigaplan.plan.roster.RosterLearner;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.platform.internal.store.TeacherStore;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A OneRoster Japan Profile set imported into the platform, on Derby and PostgreSQL: the school directory, the
 * schools' lists of teachers, the homeroom classes and learners (pseudonymous) the modules read; a delta after it;
 * a dry run that stores nothing; a bad file that changes nothing.
 */
abstract class RosterImportContract {

    static final String AOBA = "B104210000017";
    static final String WAKABAYASHI = "B104210000025";
    static final String HIROSE = "C104210000011";

    abstract DataSource dataSource();

    private PlatformDatabase db;
    private RosterServiceImpl roster;
    private final List<Set<String>> told = new ArrayList<>();

    @BeforeEach
    void fresh() {
        DataSource ds = dataSource();
        new PlatformDatabase(ds);
        TestDatabase.on(ds).clear(PlatformTables.ALL);
        db = new PlatformDatabase(ds);
        roster = new RosterServiceImpl(db);
        roster.listen(told::add);
    }

    @Test
    void anImportOnOneNodeMovesTheVersionTheOtherReads() {
        RosterServiceImpl other = new RosterServiceImpl(new PlatformDatabase(dataSource()));
        long before = other.version();
        roster.apply(OneRoster.readFolder(RosterFixtures.folder("bulk")), "board");
        long after = other.version();
        assertTrue(after != before, "the other node sees the roster moved");
        roster.apply(OneRoster.readFolder(RosterFixtures.folder("bulk")), "board");
        assertEquals(after, other.version(), "the same set again changed nothing: the version stays");
    }

    @Test
    void aBulkSetFillsTheDirectoryTheTeachersListsAndTheClasses() {
        RosterChange change = roster.apply(OneRoster.readFolder(RosterFixtures.folder("bulk")), "board");
        assertTrue(change.applied());
        assertEquals(List.of(AOBA, WAKABAYASHI, HIROSE).stream().sorted().toList(),
                change.schools().stream().map(RosterChange.SchoolChange::schoolId).toList());
        RosterChange.SchoolChange aoba = change.schools().stream().filter(s -> s.schoolId().equals(AOBA)).findFirst()
                .orElseThrow();
        assertTrue(aoba.newSchool());
        assertEquals(List.of("5年1組", "5年2組", "6年1組", "ひまわり学級"), aoba.classesAdded());
        assertEquals(List.of("T-ITO", "T-SATO", "T-TAKAHASHI"), aoba.teachersAdded());
        assertEquals(7, aoba.learnersAdded());
        assertEquals(12, aoba.enrollmentsAdded(), "7 learners in their classes (one also in ひまわり学級), 4 teachers'");
        assertEquals(List.of(Set.of(AOBA, WAKABAYASHI, HIROSE)), told, "the modules hear of it once");

        School school = db.schools().find(AOBA).orElseThrow();
        assertEquals("杜の都市立青葉小学校", school.name().ja());
        assertEquals(SchoolType.ELEMENTARY, school.type());
        assertEquals(7, school.enrollment());
        assertEquals(4, school.classes());
        assertFalse(school.sample());
        assertEquals(SchoolType.JUNIOR_HIGH, db.schools().find(HIROSE).orElseThrow().type());

        List<Teacher> listed = db.transaction(c -> new TeacherStore().list(c, AOBA, false));
        assertEquals(List.of("T-ITO", "T-SATO", "T-TAKAHASHI"), listed.stream().map(Teacher::code).sorted().toList());
        assertTrue(listed.stream().allMatch(t -> Teacher.ROSTER.equals(t.source())), listed::toString);

        List<HomeroomClass> classes = roster.classes(AOBA);
        assertEquals(List.of("5-1", "5-2", "5-ひまわり学級", "6-1"),
                classes.stream().map(k -> k.grade() + "-" + k.name()).toList());
        assertTrue(classes.get(2).specialNeeds());
        assertEquals(List.of(AOBA, WAKABAYASHI, HIROSE).stream().sorted().toList(), roster.schools());

        // A drill names a learner by their e-mail or an id of their userIds, any case: their class, a pseudonym.
        RosterLearner sugawara = roster.learner("Sugawara.Ren@aoba-e.example.jp").orElseThrow();
        assertEquals(AOBA, sugawara.schoolId());
        assertEquals(List.of("5年1組", "ひまわり学級"), sugawara.classes().stream().map(HomeroomClass::title).toList());
        assertEquals(32, sugawara.pseudonym().length());
        assertFalse(sugawara.pseudonym().contains("sugawara"));
        assertTrue(roster.learner("sato.misaki@aoba-e.example.jp").isEmpty(), "a teacher is not a learner");
        assertTrue(roster.learner("nobody@example.jp").isEmpty());

        // The same set again changes nothing.
        told.clear();
        assertEquals(List.of(), roster.apply(OneRoster.readFolder(RosterFixtures.folder("bulk")), "board").schools());
        assertEquals(List.of(), told);
        assertEquals(sugawara, roster.learner("sugawara.ren@aoba-e.example.jp").orElseThrow(), "the same pseudonym");
    }

    @Test
    void aDeltaChangesOnlyWhatItNamesAndItsDryRunStoresNothing() {
        roster.apply(OneRoster.readFolder(RosterFixtures.folder("bulk")), "board");
        RosterSet delta = OneRoster.readFolder(RosterFixtures.folder("delta"));
        RosterChange preview = roster.preview(delta);
        assertFalse(preview.applied());
        assertEquals(1, preview.schools().size());
        RosterChange.SchoolChange aoba = preview.schools().get(0);
        assertEquals(AOBA, aoba.schoolId());
        assertFalse(aoba.newSchool());
        assertEquals(List.of("ひまわり学級"), aoba.classesRemoved());
        assertEquals(1, aoba.learnersAdded());
        assertEquals(7, aoba.learnersBefore());
        assertEquals(8, aoba.learnersAfter());
        assertEquals(1, aoba.enrollmentsAdded());
        assertEquals(2, aoba.enrollmentsRemoved(), "Sugawara's and the teacher's in ひまわり学級, which goes");
        assertEquals(4, roster.classes(AOBA).size(), "a dry run stores nothing");
        assertTrue(roster.learner("hayasaka.mei@aoba-e.example.jp").isEmpty());

        told.clear();
        roster.apply(delta, "board");
        assertEquals(List.of(Set.of(AOBA)), told);
        assertEquals(List.of("5年1組", "5年2組", "6年1組"), roster.classes(AOBA).stream().map(HomeroomClass::title)
                .toList());
        assertEquals(List.of("5年1組"), roster.learner("hayasaka.mei@aoba-e.example.jp").orElseThrow().classes()
                .stream().map(HomeroomClass::title).toList());
        assertEquals(List.of("5年1組"), roster.learner("sugawara.ren@aoba-e.example.jp").orElseThrow().classes()
                .stream().map(HomeroomClass::title).toList());
        School school = db.schools().find(AOBA).orElseThrow();
        assertEquals(8, school.enrollment());
        assertEquals(3, school.classes());
        assertEquals(2, roster.classes(WAKABAYASHI).size() + roster.classes(HIROSE).size(), "the others untouched");
    }

    @Test
    void aSetThatCannotBeKeptChangesNothingAndNamesFileLineAndColumn() {
        var files = RosterFixtures.replace(RosterFixtures.files("bulk"), "orgs.csv", "B104210000025", "若林 小");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> roster.apply(OneRoster.read(files), "board"));
        assertEquals(List.of("orgs.csv line 4.identifier"), e.errors().stream().map(x -> x.field()).distinct().toList(),
                e.errors()::toString);
        assertTrue(roster.schools().isEmpty());
        assertTrue(db.schools().find(AOBA).isEmpty(), "all or nothing: not even the good schools");
        assertEquals(List.of(), told);
        // A delta naming a class no import has is refused the same way.
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> roster.preview(OneRoster.readFolder(RosterFixtures.folder("delta"))));
        assertTrue(unknown.errors().stream().anyMatch(x -> x.field().equals("enrollments.csv line 2.classSourcedId")),
                unknown.errors()::toString);
    }
}
