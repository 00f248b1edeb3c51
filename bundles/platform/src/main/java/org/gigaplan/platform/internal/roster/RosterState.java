package org.gigaplan.platform.internal.roster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.rest.FieldChecks;

/**
 * The roster as the platform keeps it: school orgs (and the directory id each became), homeroom classes, teachers and
 * learners, enrollments. {@link #merge} lays a read set over what is stored — a bulk file replaces its kind whole, a
 * delta file changes the rows it names — and the result is what the import stores; comparing the two tells what
 * changes. Only what the platform uses is kept: no names of people, no addresses, identities as keyed hashes.
 */
public record RosterState(Map<String, Org> orgs, Map<String, Klass> classes, Map<String, Person> persons,
        Map<String, Enrollment> enrollments) {

    /** A school org, and the school of the directory it is. */
    public record Org(String sourcedId, String schoolId, Instant modified) {
    }

    /** A homeroom class. */
    public record Klass(String sourcedId, String schoolId, int grade, String name, String title, boolean specialNeeds,
            Instant modified) {
    }

    /** A teacher or learner of one school. */
    public record Person(String sourcedId, String schoolId, String role, String teacherCode, String pseudonym,
            Set<String> identities, Instant modified) {

        public static final String TEACHER = "TEACHER";
        public static final String LEARNER = "LEARNER";

        public Person {
            identities = Set.copyOf(identities);
        }
    }

    /** A person in a homeroom class, with their attendance number (出席番号). */
    public record Enrollment(String sourcedId, String classId, String personId, String role, Integer attendanceNo,
            Instant modified) {
    }

    /** Keyed hashes: the learner's pseudonym, and each identity's. */
    public interface Hasher {
        String pseudonym(String sourcedId);

        String identity(String identity);
    }

    /** The form of a school id in the directory. */
    static final Pattern SCHOOL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    public static RosterState empty() {
        return new RosterState(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * What the roster is after a set is laid over this one. Every row that cannot be kept as the platform needs it
     * (a school org without a usable id, a teacher without a code, a homeroom class without a Japanese grade, a row
     * naming an org or class neither the set nor an earlier import has) is reported, naming its file, line and column.
     */
    public RosterState merge(RosterSet set, Hasher hash, FieldChecks check) {
        RosterManifest manifest = set.manifest();
        Map<String, Org> o = start(orgs, manifest.mode("orgs.csv"));
        // Rows refused here: what hangs on them is not reported again (the import is refused anyway).
        Set<String> refused = new java.util.HashSet<>();
        for (RosterOrg org : set.orgs()) {
            if (org.deleted()) {
                o.remove(org.sourcedId());
            } else if (org.school()) {
                String id = org.identifier() == null ? "" : org.identifier().trim();
                if (!SCHOOL_ID.matcher(id).matches()) {
                    check.add(org.source().field("identifier"), "the school's code in the directory (学校コード): 1–32 "
                            + "letters, digits, '_' or '-', was \"" + id + "\"",
                            "学校コードは英数字・_・- の1〜32文字です（\"" + id + "\"）");
                    refused.add(org.sourcedId());
                    continue;
                }
                o.put(org.sourcedId(), new Org(org.sourcedId(), id, org.dateLastModified()));
            }
        }
        Map<String, Klass> k = start(classes, manifest.mode("classes.csv"));
        for (RosterClass c : set.classes()) {
            if (c.deleted() || !c.homeroom()) {
                k.remove(c.sourcedId());
                continue;
            }
            Org school = o.get(c.schoolSourcedId());
            List<RosterGrades.Grade> grades = c.grades().stream().map(RosterGrades::grade).flatMap(Optional::stream)
                    .sorted(Comparator.comparingInt(RosterGrades.Grade::year)).toList();
            if (refused.contains(c.schoolSourcedId())) {
                refused.add(c.sourcedId());
            } else if (school == null) {
                check.add(c.source().field("schoolSourcedId"), "no school org " + c.schoolSourcedId()
                        + " in this set or an earlier import", "学校 " + c.schoolSourcedId() + " がありません");
            } else if (grades.isEmpty()) {
                check.add(c.source().field("grades"), "a homeroom class needs a Japan Profile grade (P1–P6, J1–J3, "
                        + "H1–H4), was \"" + String.join(",", c.grades()) + "\"", "学級の学年（P1〜P6、J1〜J3、H1〜H4）が必要です");
            } else {
                k.put(c.sourcedId(), new Klass(c.sourcedId(), school.schoolId(), grades.get(0).year(),
                        RosterGrades.classLabel(c.title()), c.title(), Boolean.TRUE.equals(c.specialNeeds()),
                        c.dateLastModified()));
            }
        }
        Map<String, Person> p = start(persons, manifest.mode("users.csv"));
        for (RosterUser u : set.users()) {
            if (u.deleted()) {
                p.remove(u.sourcedId());
                continue;
            }
            Person was = persons.get(u.sourcedId());
            String role = roleOf(set, u, was);
            Org school = schoolOf(set, u, o, was);
            if (role == null) {
                p.remove(u.sourcedId());
                continue;
            }
            if (school == null && (refused.contains(u.primaryOrgSourcedId()) || set.roles().stream().anyMatch(
                    r -> u.sourcedId().equals(r.userSourcedId()) && refused.contains(r.orgSourcedId())))) {
                refused.add(u.sourcedId());
                continue;
            }
            if (school == null) {
                check.add(u.source().field("primaryOrgSourcedId"), "a teacher or student needs their school: a school "
                        + "org as primaryOrgSourcedId or in a primary role", "教員・児童生徒の学校が必要です");
                continue;
            }
            String code = null;
            if (Person.TEACHER.equals(role)) {
                code = teacherCode(u);
                if (code == null) {
                    check.add(u.source().field("identifier"), "a teacher's code on the school's list: identifier or "
                            + "username of 1–32 letters, digits, '_', '.' or '-'", "教員コード（identifier）が必要です");
                    continue;
                }
            }
            p.put(u.sourcedId(), new Person(u.sourcedId(), school.schoolId(), role, code,
                    Person.LEARNER.equals(role) ? hash.pseudonym(u.sourcedId()) : null, identities(u, hash),
                    u.dateLastModified()));
        }
        Map<String, Enrollment> e = start(enrollments, manifest.mode("enrollments.csv"));
        for (RosterEnrollment en : set.enrollments()) {
            if (en.deleted() || set.findClass(en.classSourcedId()).map(c -> !c.homeroom()).orElse(false)) {
                e.remove(en.sourcedId());
                continue;
            }
            if (refused.contains(en.classSourcedId()) || refused.contains(en.userSourcedId())) {
                continue;
            } else if (!k.containsKey(en.classSourcedId())) {
                check.add(en.source().field("classSourcedId"), "no homeroom class " + en.classSourcedId()
                        + " in this set or an earlier import", "学級 " + en.classSourcedId() + " がありません");
            } else if (!p.containsKey(en.userSourcedId())) {
                check.add(en.source().field("userSourcedId"), "no teacher or student " + en.userSourcedId()
                        + " in this set or an earlier import", "教員・児童生徒 " + en.userSourcedId() + " がいません");
            } else {
                e.put(en.sourcedId(), new Enrollment(en.sourcedId(), en.classSourcedId(), en.userSourcedId(),
                        en.role(), en.shussekiNo(), en.dateLastModified()));
            }
        }
        // What a bulk file or a deletion took away takes what hangs on it.
        Set<String> schools = new TreeSet<>();
        o.values().forEach(org -> schools.add(org.schoolId()));
        k.values().removeIf(c -> !schools.contains(c.schoolId()));
        p.values().removeIf(x -> !schools.contains(x.schoolId()));
        e.values().removeIf(en -> !k.containsKey(en.classId()) || !p.containsKey(en.personId()));
        return new RosterState(Map.copyOf(o), Map.copyOf(k), Map.copyOf(p), Map.copyOf(e));
    }

    /** The homeroom classes of a school, by grade and name. */
    public List<Klass> classesOf(String schoolId) {
        return classes.values().stream().filter(c -> c.schoolId().equals(schoolId))
                .sorted(Comparator.comparingInt(Klass::grade).thenComparing(Klass::name)).toList();
    }

    /** The schools of the directory the roster names. */
    public Set<String> schools() {
        Set<String> out = new TreeSet<>();
        orgs.values().forEach(org -> out.add(org.schoolId()));
        return out;
    }

    /** The learners enrolled in a school's classes. */
    public long learners(String schoolId) {
        return persons.values().stream().filter(x -> x.schoolId().equals(schoolId) && Person.LEARNER.equals(x.role()))
                .count();
    }

    private static <T> Map<String, T> start(Map<String, T> stored, RosterMode mode) {
        return mode == RosterMode.BULK ? new HashMap<>() : new HashMap<>(stored);
    }

    /** Teacher or learner: a primary teacher or student role in this set, else as stored; null for others. */
    private static String roleOf(RosterSet set, RosterUser u, Person was) {
        List<RosterRole> roles = set.roles().stream()
                .filter(r -> !r.deleted() && u.sourcedId().equals(r.userSourcedId())).toList();
        if (roles.isEmpty()) {
            return was == null ? null : was.role();
        }
        Function<String, Boolean> has = role -> roles.stream().anyMatch(r -> role.equals(r.role()));
        return has.apply(RosterRole.TEACHER) ? Person.TEACHER : has.apply(RosterRole.STUDENT) ? Person.LEARNER : null;
    }

    private static Org schoolOf(RosterSet set, RosterUser u, Map<String, Org> orgs, Person was) {
        Org primary = u.primaryOrgSourcedId() == null ? null : orgs.get(u.primaryOrgSourcedId());
        if (primary != null) {
            return primary;
        }
        Optional<Org> byRole = set.roles().stream()
                .filter(r -> !r.deleted() && r.primary() && u.sourcedId().equals(r.userSourcedId()))
                .map(r -> orgs.get(r.orgSourcedId())).filter(x -> x != null).findFirst();
        return byRole.orElse(was == null ? null
                : orgs.values().stream().filter(x -> x.schoolId().equals(was.schoolId())).findFirst().orElse(null));
    }

    /** The teacher's code on the school's list: their identifier, else their user name, when it has the form. */
    static String teacherCode(RosterUser u) {
        for (String candidate : new String[] { u.identifier(), u.username() }) {
            if (candidate != null && candidate.trim().matches(Teacher.CODE)) {
                return candidate.trim();
            }
        }
        return null;
    }

    /** A person's identities as a drill or a tool may name them, compared without case. */
    static Set<String> identities(RosterUser u, Hasher hash) {
        List<String> given = new ArrayList<>();
        given.add(u.email());
        given.add(u.username());
        given.add(u.identifier());
        u.userIds().forEach(id -> given.add(id.id()));
        Set<String> out = new TreeSet<>();
        for (String g : given) {
            if (g != null && !g.isBlank()) {
                out.add(hash.identity(g.trim().toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }
}
