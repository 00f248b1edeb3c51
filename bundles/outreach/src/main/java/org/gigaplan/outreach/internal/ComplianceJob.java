package org.gigaplan.outreach.internal;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.OptionalInt;

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

/**
 * Parent-meeting compliance (policy 4, P4-S2: at least one parent meeting a year): at each configured number of days
 * before March 31 (60, 30 and 7 by default) each school still without one this fiscal year is told, and the board gets
 * the list. Each stage is told once; a run that missed a stage's day (every node down) tells it at the next run
 * within the stage, and a stage already past is not told late.
 */
@Component(service = ScheduledJob.class, configurationPid = OutreachConfig.PID)
public class ComplianceJob implements ScheduledJob {

    static final String KIND = "outreach.parent-meeting";
    private static final int SUMMARY_NAMES = 40;

    private final MeetingService meetings;
    private final Notifier notifier;
    private final OutreachConfig config;

    @Activate
    public ComplianceJob(@Reference MeetingService meetings, @Reference Notifier notifier, OutreachConfig config) {
        this.meetings = meetings;
        this.notifier = notifier;
        this.config = config;
    }

    @Override
    public String id() {
        return "outreach.parent-meeting-check";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("保護者向け説明会の実施確認（年度末前）", "Parent-meeting check before the year's end");
    }

    @Override
    public List<NoticeKind> kinds() {
        return List.of(new NoticeKind(KIND, LocalizedText.of("保護者向け説明会の未実施（年度末の60・30・7日前）",
                "No parent meeting yet (60, 30 and 7 days before the year ends)"), Set.of(Role.SCHOOL, Role.BOARD)));
    }

    @Override
    public Schedule schedule() {
        return Schedule.parse(config.complianceSchedule());
    }

    /** The days configured: a .cfg file gives "60,30,7" as one value, metatype-aware tools an array. */
    static int[] warnDays(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty())
                .mapToInt(v -> {
                    try {
                        return Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(OutreachConfig.PID + " parentMeetingWarnDays: \"" + v
                                + "\" is not a number of days", e);
                    }
                }).toArray();
    }

    /** The stage a day is in: the fewest configured days before March 31 that are still ahead of it, if any. */
    static OptionalInt stage(int[] warnDays, long daysBefore) {
        return Arrays.stream(warnDays).filter(d -> d >= 0 && daysBefore <= d).min();
    }

    @Override
    public String run(Run run) {
        FiscalYear fy = FiscalYear.containing(run.day());
        long daysBefore = ChronoUnit.DAYS.between(run.day(), fy.end());
        OptionalInt stage = stage(warnDays(config.parentMeetingWarnDays()), daysBefore);
        if (stage.isEmpty()) {
            return daysBefore + " days before March 31: no warning is due";
        }
        Meeting.Compliance c = meetings.compliance(fy, run.day());
        int sent = 0;
        for (Meeting.Missing m : c.notYet()) {
            sent += notifier.send(schoolNotice(m, fy, stage.getAsInt(), daysBefore)) ? 1 : 0;
        }
        if (!c.notYet().isEmpty()) {
            notifier.send(summary(c, fy, stage.getAsInt(), daysBefore));
        }
        return c.notYet().size() + " of " + c.schools() + " schools without a parent meeting in FY" + fy.year() + ", "
                + daysBefore + " days before March 31; " + sent + " told now";
    }

    static Notice schoolNotice(Meeting.Missing m, FiscalYear fy, int stage, long daysBefore) {
        LocalizedText year = fy.label();
        return new Notice(KIND, KIND + "/" + fy.year() + "/" + stage + "/" + m.schoolId(), Audience.school(m.schoolId()),
                LocalizedText.of("保護者向け説明会がまだ記録されていません — " + m.name().ja() + "（" + year.ja() + "）",
                        "No parent meeting recorded yet — " + m.name().en() + " (" + year.en() + ")"),
                LocalizedText.of(m.name().ja() + "では、" + year.ja() + "の保護者向けの説明会（端末の活用や情報モラルについて、"
                        + "年1回以上）がまだ記録されていません。年度末（3月31日）まであと" + daysBefore + "日です。\n\n"
                        + "開催したら「記録」のページで記録してください。",
                        m.name().en() + " has no parent meeting (on device use and digital citizenship, at least one a "
                                + "year) recorded for " + year.en() + ". " + daysBefore + " days are left until the "
                                + "year ends on March 31.\n\nRecord it on the Record page once it is held."),
                "#/record", m.schoolId(), fy.year());
    }

    static Notice summary(Meeting.Compliance c, FiscalYear fy, int stage, long daysBefore) {
        StringBuilder ja = new StringBuilder(fy.label().ja() + "の保護者向け説明会を記録していない学校は" + c.notYet().size()
                + "校です（" + c.schools() + "校中、年度末まであと" + daysBefore + "日）。\n\n");
        StringBuilder en = new StringBuilder(c.notYet().size() + " of " + c.schools() + " schools have no parent meeting "
                + "recorded for " + fy.label().en() + " (" + daysBefore + " days before March 31).\n\n");
        for (Meeting.Missing m : c.notYet().subList(0, Math.min(SUMMARY_NAMES, c.notYet().size()))) {
            ja.append("・").append(m.name().ja()).append("（").append(m.schoolId()).append("）\n");
            en.append("- ").append(m.name().en()).append(" (").append(m.schoolId()).append(")\n");
        }
        if (c.notYet().size() > SUMMARY_NAMES) {
            ja.append("ほか").append(c.notYet().size() - SUMMARY_NAMES).append("校\n");
            en.append("and ").append(c.notYet().size() - SUMMARY_NAMES).append(" more\n");
        }
        return new Notice(KIND, KIND + "/" + fy.year() + "/" + stage + "/board", Audience.board(),
                LocalizedText.of("保護者向け説明会の未実施 " + c.notYet().size() + "校（年度末まで" + daysBefore + "日）",
                        c.notYet().size() + " schools without a parent meeting (" + daysBefore + " days left)"),
                LocalizedText.of(ja.toString(), en.toString()), "#/city", null, fy.year());
    }
}
