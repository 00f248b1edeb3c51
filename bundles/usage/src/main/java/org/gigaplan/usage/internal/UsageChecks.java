package org.gigaplan.usage.internal;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.SchoolService;

/**
 * The checks of policy 1's own fields, each naming the field it refuses: the school a record is for, a grade of
 * that school's type, a class name (on the school's list, when it gave one), a week (a Monday of a plan year,
 * begun), a plan year, a scene of the plan.
 */
final class UsageChecks {

    private final PlanService plan;
    private final SchoolService schools;
    private final SchoolCalendar calendar;

    UsageChecks(PlanService plan, SchoolService schools, SchoolCalendar calendar) {
        this.plan = plan;
        this.schools = schools;
        this.calendar = calendar;
    }

    /**
     * The school a record is for: the one it names, else the caller's own ({@code defaultSchool}, for a school's users
     * and agents, who may record only for it). Looked up in {@code directory} when given (read once for a batch).
     */
    Optional<School> school(String id, String defaultSchool, String field, FieldChecks check,
            Map<String, School> directory) {
        String wanted = id == null || id.isBlank() ? defaultSchool : id.trim();
        if (wanted == null) {
            check.add(field, "required");
            return Optional.empty();
        }
        if (defaultSchool != null && !defaultSchool.equals(wanted)) {
            check.add(field, "school " + wanted + ": you may record only for " + defaultSchool,
                    "学校 " + wanted + " の記録はできません（" + defaultSchool + " の記録のみ）");
            return Optional.empty();
        }
        Optional<School> school = directory == null ? schools.find(wanted) : Optional.ofNullable(directory.get(wanted));
        if (school.isEmpty()) {
            check.add(field, "no school " + wanted);
        }
        return school;
    }

    /**
     * A batch row's class: its school (as {@link #school}), its grade for that school and its class name, each named
     * under the row's place {@code at} ({@code [3].grade}). The school, when it is one.
     */
    Optional<School> schoolClass(String at, String schoolId, Integer grade, String className, String defaultSchool,
            FieldChecks check, Map<String, School> directory, ClassLists lists) {
        Optional<School> school = school(schoolId, defaultSchool, at + ".schoolId", check, directory);
        int before = check.errors().size();
        school.ifPresent(s -> grade(s, grade, at + ".grade", check));
        className(className, at + ".className", check);
        if (school.isPresent() && check.errors().size() == before) {
            lists.check(school.get().id(), grade, SchoolClass.normalName(className), at + ".className", check);
        }
        return school;
    }

    static void grade(School school, Integer grade, String field, FieldChecks check) {
        int max = switch (school.type()) {
            case ELEMENTARY, SECONDARY -> 6;
            case JUNIOR_HIGH, HIGH -> 3;
            case SPECIAL_NEEDS -> 12;
        };
        if (grade == null) {
            check.add(field, "required");
        } else if (grade < 1 || grade > max) {
            String type = school.type().label().en().toLowerCase();
            check.add(field, "grades of " + school.id() + " (" + type + ") are 1 to " + max + ", was " + grade,
                    school.type().label().ja() + "の学年は1〜" + max + "です（" + grade + "でした）");
        }
    }

    static void className(String name, String field, FieldChecks check) {
        check.name(SchoolClass.normalName(name), true, 32, field);
    }

    void week(LocalDate week, String field, FieldChecks check) {
        if (week == null) {
            check.add(field, "required: the week's Monday (2025-06-02)", "必須です（週の月曜日の日付: 2025-06-02）");
            return;
        }
        if (!SchoolCalendar.isMonday(week)) {
            check.add(field, "must be a Monday, the first day of the week: " + week + " is a "
                    + week.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + ", its week is " + SchoolCalendar.mondayOf(week), "週の初日の月曜日にしてください（" + week + " は"
                    + week.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.JAPANESE) + "、その週は "
                    + SchoolCalendar.mondayOf(week) + " からです）");
            return;
        }
        if (!FiscalYear.handles(week)) {
            check.add(field, FiscalYear.range() + ", was " + week);
            return;
        }
        FiscalYear fy = FiscalYear.containing(week);
        int first = plan.plan().firstCoveredYear();
        int last = plan.plan().lastYear();
        if (fy.year() < first || fy.year() > last) {
            check.add(field, "the week of " + week + " is in " + fy + ", outside the plan's years FY"
                    + first + "–FY" + last, week + " の週は " + fy + " で、計画の年度（FY" + first + "–FY" + last
                    + "）の外です");
        } else if (week.isAfter(calendar.currentWeek())) {
            check.add(field, "the week of " + week + " has not begun yet", week + " の週はまだ始まっていません");
        }
    }

    FiscalYear fiscalYear(Integer year, String field, FieldChecks check) {
        if (year == null) {
            check.add(field, "required");
            return null;
        }
        int first = plan.plan().firstCoveredYear();
        int last = plan.plan().lastYear();
        if (year < first || year > last) {
            check.add(field, "must be a year of the plan, FY" + first + "–FY" + last + ", was " + year,
                    "計画の年度（FY" + first + "–FY" + last + "）にしてください（" + year + "でした）");
            return null;
        }
        return FiscalYear.of(year);
    }

    static boolean scene(Integer scene, List<Integer> valid, String field, FieldChecks check) {
        if (scene == null) {
            check.add(field, "required: one of " + valid, "必須です（場面 " + valid + " のいずれか）");
            return false;
        }
        if (!valid.contains(scene)) {
            check.add(field, "no scene " + scene + ": the plan's scenes are " + valid,
                    "場面 " + scene + " はありません（計画の場面は " + valid + "）");
            return false;
        }
        return true;
    }
}
