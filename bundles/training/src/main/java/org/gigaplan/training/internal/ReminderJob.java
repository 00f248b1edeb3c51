package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.notify.NoticeKind;
import org.gigaplan.plan.notify.Notifier;
import org.gigaplan.plan.notify.Schedule;
import org.gigaplan.plan.notify.ScheduledJob;
import org.gigaplan.plan.security.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Training follow-up (policy 2): the day before a session each enrolled teacher is reminded of it; once a session is
 * {@code attendanceAfterDays} past with teachers whose attendance is not recorded, their school is asked to record it
 * (once per session and school). Sessions up to a fortnight past are looked at, so a run missed for a few days still
 * asks.
 */
@Component(service = ScheduledJob.class, configurationPid = TrainingConfig.PID)
@Designate(ocd = TrainingConfig.class)
public class ReminderJob implements ScheduledJob {

    static final String SESSION = "training.session";
    static final String ATTENDANCE = "training.attendance";
    /** How far back sessions without attendance are still asked about. */
    private static final int LOOK_BACK_DAYS = 14;

    private final CourseService courses;
    private final Notifier notifier;
    private final TrainingConfig config;

    @Activate
    public ReminderJob(@Reference CourseService courses, @Reference Notifier notifier, TrainingConfig config) {
        this.courses = courses;
        this.notifier = notifier;
        this.config = config;
    }

    @Override
    public String id() {
        return "training.reminders";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("研修の前日案内・出席記録の確認", "Training reminders and attendance");
    }

    @Override
    public List<NoticeKind> kinds() {
        return List.of(new NoticeKind(SESSION, LocalizedText.of("研修の前日案内", "Training tomorrow"), Set.of(Role.TEACHER)),
                new NoticeKind(ATTENDANCE, LocalizedText.of("研修の出席が未記録", "Training attendance not recorded"),
                        Set.of(Role.SCHOOL)));
    }

    @Override
    public Schedule schedule() {
        return Schedule.parse(config.reminderSchedule());
    }

    @Override
    public String run(Run run) {
        LocalDate today = run.day();
        int reminded = 0;
        int asked = 0;
        for (Course course : courses.courses(null)) {
            for (Course.Session s : course.sessions()) {
                long since = ChronoUnit.DAYS.between(s.heldOn(), today);
                if (since == -1) {
                    for (Course.Enrolled e : courses.enrolled(s.id(), null)) {
                        reminded += notifier.send(tomorrow(course, s, e)) ? 1 : 0;
                    }
                } else if (since >= config.attendanceAfterDays() && since <= LOOK_BACK_DAYS) {
                    Map<String, List<String>> unrecorded = courses.enrolled(s.id(), null).stream()
                            .filter(e -> e.attended() == null).collect(Collectors.groupingBy(Course.Enrolled::schoolId,
                                    TreeMap::new, Collectors.mapping(Course.Enrolled::teacherId, Collectors.toList())));
                    for (Map.Entry<String, List<String>> school : unrecorded.entrySet()) {
                        asked += notifier.send(attendance(course, s, school.getKey(), school.getValue())) ? 1 : 0;
                    }
                }
            }
        }
        return reminded + " teachers reminded of tomorrow's sessions, " + asked + " schools asked for attendance";
    }

    private static String where(Course.Session s) {
        return s.place() == null || s.place().isBlank() ? "" : s.place();
    }

    static Notice tomorrow(Course course, Course.Session s, Course.Enrolled e) {
        String place = where(s);
        return new Notice(SESSION, SESSION + "/" + s.id() + "/tomorrow/" + e.schoolId() + "/" + e.teacherId(),
                Audience.teacher(e.schoolId(), e.teacherId()),
                LocalizedText.of("明日の研修: " + course.title().ja() + "（" + s.heldOn() + "）",
                        "Training tomorrow: " + course.title().en() + " (" + s.heldOn() + ")"),
                LocalizedText.of("申し込んだ研修「" + course.title().ja() + "」は明日 " + s.heldOn() + " です"
                        + (place.isEmpty() ? "" : "（会場: " + place + "）") + "。",
                        "The training you enrolled in, \"" + course.title().en() + "\", is tomorrow, " + s.heldOn()
                                + (place.isEmpty() ? "" : " (at " + place + ")") + "."),
                "#/checklist", e.schoolId(), FiscalYear.containing(s.heldOn()).year());
    }

    static Notice attendance(Course course, Course.Session s, String schoolId, List<String> teachers) {
        return new Notice(ATTENDANCE, ATTENDANCE + "/" + s.id() + "/" + schoolId, Audience.school(schoolId),
                LocalizedText.of("研修の出席が記録されていません: " + course.title().ja() + "（" + s.heldOn() + "）",
                        "Training attendance not recorded: " + course.title().en() + " (" + s.heldOn() + ")"),
                LocalizedText.of(s.heldOn() + "の研修「" + course.title().ja() + "」に申し込んだ先生（" + String.join("、", teachers)
                        + "）の出席がまだ記録されていません。「研修」のページで記録してください。",
                        "Attendance at \"" + course.title().en() + "\" on " + s.heldOn() + " is not recorded for "
                                + String.join(", ", teachers) + ". Please record it on the Trainings page."),
                "#/trainings", schoolId, FiscalYear.containing(s.heldOn()).year());
    }
}
