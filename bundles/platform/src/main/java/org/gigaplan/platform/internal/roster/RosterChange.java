package org.gigaplan.platform.internal.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.gigaplan.platform.internal.roster.RosterState.Klass;
import org.gigaplan.platform.internal.roster.RosterState.Person;

/**
 * What an import changes (a dry run) or changed, school by school, in words a board's staff check before they
 * import: the classes and teachers by name, the learners and enrollments by count (the roster keeps no learner names).
 *
 * @param applied      false for a dry run: nothing was stored
 * @param modes        each file the set holds and how (bulk or delta)
 * @param schools      each school whose roster changes
 * @param ignoredFiles files of the set the platform does not read
 */
public record RosterChange(boolean applied, Map<String, String> modes, List<SchoolChange> schools,
        List<String> ignoredFiles) {

    /**
     * One school's change.
     *
     * @param newSchool       the school joins the directory with this import
     * @param classesAdded    homeroom classes by title (5年1組)
     * @param teachersAdded   teacher codes put on the school's list
     * @param teachersRemoved teacher codes the roster no longer names (retired from the list, their records kept)
     */
    public record SchoolChange(String schoolId, boolean newSchool, List<String> classesAdded,
            List<String> classesChanged, List<String> classesRemoved, List<String> teachersAdded,
            List<String> teachersRemoved, long learnersBefore, long learnersAfter, int learnersAdded,
            int learnersRemoved, int enrollmentsAdded, int enrollmentsChanged, int enrollmentsRemoved) {

        boolean any() {
            return newSchool || !classesAdded.isEmpty() || !classesChanged.isEmpty() || !classesRemoved.isEmpty()
                    || !teachersAdded.isEmpty() || !teachersRemoved.isEmpty() || learnersAdded + learnersRemoved
                            + enrollmentsAdded + enrollmentsChanged + enrollmentsRemoved > 0;
        }
    }

    /** The schools whose roster differs between two states. */
    static List<SchoolChange> between(RosterState before, RosterState after, Set<String> knownSchools) {
        Set<String> schools = new TreeSet<>(before.schools());
        schools.addAll(after.schools());
        List<SchoolChange> out = new ArrayList<>();
        for (String school : schools) {
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            diff(before.classes(), after.classes(), school, Klass::schoolId, Klass::title, added, changed, removed);
            List<String> teachersAdded = new ArrayList<>();
            List<String> teachersRemoved = new ArrayList<>();
            Set<String> codesBefore = codes(before, school);
            Set<String> codesAfter = codes(after, school);
            codesAfter.stream().filter(c -> !codesBefore.contains(c)).forEach(teachersAdded::add);
            codesBefore.stream().filter(c -> !codesAfter.contains(c)).forEach(teachersRemoved::add);
            List<String> learnersAdded = new ArrayList<>();
            List<String> learnersRemoved = new ArrayList<>();
            diff(learners(before, school), learners(after, school), school, Person::schoolId, Person::sourcedId,
                    learnersAdded, new ArrayList<>(), learnersRemoved);
            List<String> enrollmentsAdded = new ArrayList<>();
            List<String> enrollmentsChanged = new ArrayList<>();
            List<String> enrollmentsRemoved = new ArrayList<>();
            diff(before.enrollments(), after.enrollments(), school,
                    e -> schoolOf(before, after, e.classId()), RosterState.Enrollment::sourcedId, enrollmentsAdded,
                    enrollmentsChanged, enrollmentsRemoved);
            SchoolChange change = new SchoolChange(school, !knownSchools.contains(school) && after.schools()
                    .contains(school), added, changed, removed, teachersAdded, teachersRemoved,
                    before.learners(school), after.learners(school), learnersAdded.size(), learnersRemoved.size(),
                    enrollmentsAdded.size(), enrollmentsChanged.size(), enrollmentsRemoved.size());
            if (change.any()) {
                out.add(change);
            }
        }
        return out;
    }

    private static <T> void diff(Map<String, T> before, Map<String, T> after, String school,
            java.util.function.Function<T, String> schoolOf, java.util.function.Function<T, String> name,
            List<String> added, List<String> changed, List<String> removed) {
        after.forEach((id, row) -> {
            if (!school.equals(schoolOf.apply(row))) {
                return;
            }
            T was = before.get(id);
            if (was == null) {
                added.add(name.apply(row));
            } else if (!Objects.equals(was, row) && !sameButTime(was, row)) {
                changed.add(name.apply(row));
            }
        });
        before.forEach((id, row) -> {
            if (school.equals(schoolOf.apply(row)) && !after.containsKey(id)) {
                removed.add(name.apply(row));
            }
        });
        added.sort(null);
        changed.sort(null);
        removed.sort(null);
    }

    /** A row given again with only a newer dateLastModified is no change to tell of. */
    private static boolean sameButTime(Object was, Object row) {
        if (was instanceof Klass a && row instanceof Klass b) {
            return a.equals(new Klass(b.sourcedId(), b.schoolId(), b.grade(), b.name(), b.title(), b.specialNeeds(),
                    a.modified()));
        }
        if (was instanceof RosterState.Enrollment a && row instanceof RosterState.Enrollment b) {
            return a.equals(new RosterState.Enrollment(b.sourcedId(), b.classId(), b.personId(), b.role(),
                    b.attendanceNo(), a.modified()));
        }
        return false;
    }

    private static String schoolOf(RosterState before, RosterState after, String classId) {
        Klass k = after.classes().containsKey(classId) ? after.classes().get(classId) : before.classes().get(classId);
        return k == null ? null : k.schoolId();
    }

    private static Set<String> codes(RosterState state, String school) {
        return state.persons().values().stream()
                .filter(p -> school.equals(p.schoolId()) && Person.TEACHER.equals(p.role()))
                .map(Person::teacherCode).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Person> learners(RosterState state, String school) {
        return state.persons().entrySet().stream()
                .filter(e -> school.equals(e.getValue().schoolId()) && Person.LEARNER.equals(e.getValue().role()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
