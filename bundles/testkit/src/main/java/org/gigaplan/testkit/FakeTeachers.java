package org.gigaplan.testkit;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.service.TeacherService;

/** The schools' lists of teachers in memory: {@code list("S1", "T01", "T02")} before records name them. */
public final class FakeTeachers implements TeacherService {

    private final Map<String, Teacher> teachers = new ConcurrentHashMap<>();

    /** Lists teachers on a school's list (again, when retired); answers this for chaining. */
    public FakeTeachers list(String schoolId, String... codes) {
        register(schoolId, List.of(codes), "LIST");
        for (String code : codes) {
            teachers.computeIfPresent(schoolId + "/" + code, (k, t) -> new Teacher(t.schoolId(), t.code(), t.name(),
                    t.registeredAt(), t.source(), null));
        }
        return this;
    }

    /** Takes a teacher off a school's list, as the school's list without them would. */
    public void retire(String schoolId, String code) {
        teachers.computeIfPresent(schoolId + "/" + code, (k, t) -> new Teacher(t.schoolId(), t.code(), t.name(),
                t.registeredAt(), t.source(), Instant.now()));
    }

    @Override
    public List<Teacher> list(String schoolId, boolean retired) {
        return teachers.values().stream().filter(t -> t.schoolId().equals(schoolId) && (retired || !t.retired()))
                .sorted(Comparator.comparing(Teacher::code)).toList();
    }

    @Override
    public void register(String schoolId, Collection<String> codes, String source) {
        for (String code : codes) {
            teachers.putIfAbsent(schoolId + "/" + code, new Teacher(schoolId, code, null, Instant.now(), source, null));
        }
    }
}
