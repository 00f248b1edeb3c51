package org.gigaplan.plan.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.rest.FieldChecks;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Each school's list of teachers. A record that names a teacher (a self-assessment, a survey answer, an enrolment)
 * is refused unless the teacher is on the school's list: registered by the school, by their own login, or (issue
 * of rosters) from its roster. So no request can make up teachers, and a school sees who its figures count.
 */
@ProviderType
public interface TeacherService {

    /** The teachers of a school by code; those the school took off its list only with {@code retired}. */
    List<Teacher> list(String schoolId, boolean retired);

    /**
     * Checks teacher codes a record names against the school's list, read once: each code must have the form
     * {@link Teacher#CODE} and be listed (not retired). Errors name the field the code came in.
     *
     * @param codeByField field (e.g. {@code [3].teacherId}) → code given there, in the order to report them
     */
    default void checkListed(String schoolId, Map<String, String> codeByField, FieldChecks check) {
        Map<String, Teacher> all = list(schoolId, true).stream().collect(Collectors.toMap(Teacher::code, t -> t));
        codeByField.forEach((field, given) -> {
            String code = checkCode(given, field, check);
            Teacher listed = code == null ? null : all.get(code);
            if (code == null) {
                return;
            } else if (listed == null) {
                check.add(field, "teacher " + code + " is not on " + schoolId + "'s list of teachers: the school adds "
                        + "them first (PUT /api/schools/" + schoolId + "/teachers)", "先生 " + code + " は " + schoolId
                        + " の教員一覧にいません。先に学校が一覧に加えてください");
            } else if (listed.retired()) {
                check.add(field, "teacher " + code + " was taken off " + schoolId + "'s list of teachers on "
                        + listed.retiredAt() + ": the school lists them again first", "先生 " + code + " は "
                        + listed.retiredAt() + " に " + schoolId + " の教員一覧から外されました。先に学校が一覧に戻してください");
            }
        });
    }

    /**
     * Checks a teacher's code as given in a field: required, of the form {@link Teacher#CODE}.
     *
     * @return the code without surrounding blanks, or null when it was refused (the error is in {@code check})
     */
    static String checkCode(String given, String field, FieldChecks check) {
        String code = given == null ? "" : given.trim();
        if (code.isEmpty()) {
            check.add(field, "required: the teacher's code within the school", "必須です（学校での先生のコード）");
            return null;
        }
        if (!code.matches(Teacher.CODE)) {
            check.add(field, "1–32 letters, digits, '_', '.' or '-', was \"" + given + "\"",
                    "英数字と _ . - の1〜32文字にしてください（\"" + given + "\"でした）");
            return null;
        }
        return code;
    }

    /**
     * Puts teachers on a school's list (a teacher's own login, demo data); those listed already stay as they are.
     *
     * @param source {@link Teacher#LOGIN}, {@link Teacher#DEMO} or {@link Teacher#RECORDS}
     */
    void register(String schoolId, Collection<String> codes, String source);
}
