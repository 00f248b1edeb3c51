package org.gigaplan.usage.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

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
 * The weekly reminder (policy 1): each school with classes that did not report the week before gets a notice naming
 * them, and the board a summary of the schools. A school whose module is off is not reminded; a week outside every
 * fiscal year the platform handles is not asked about.
 */
@Component(service = ScheduledJob.class, configurationPid = UsageConfig.PID)
public class ReminderJob implements ScheduledJob {

    static final String KIND = "usage.not-reporting";
    static final String SUMMARY_KIND = "usage.not-reporting-summary";
    /** Schools named one by one in the board's summary; the rest are counted. */
    private static final int SUMMARY_NAMES = 40;

    private final ReportingService reporting;
    private final Notifier notifier;
    private final UsageConfig config;

    @Activate
    public ReminderJob(@Reference ReportingService reporting, @Reference Notifier notifier, UsageConfig config) {
        this.reporting = reporting;
        this.notifier = notifier;
        this.config = config;
    }

    @Override
    public String id() {
        return "usage.weekly-reminder";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("端末活用の未報告の週次リマインド", "Weekly reminder of classes not reporting device use");
    }

    @Override
    public List<NoticeKind> kinds() {
        return List.of(new NoticeKind(KIND, LocalizedText.of("端末活用の未報告（毎週）", "Classes not reporting device use (weekly)"),
                Set.of(Role.SCHOOL)), new NoticeKind(SUMMARY_KIND, LocalizedText.of("端末活用の未報告校のまとめ（毎週）",
                        "Schools not reporting device use, summary (weekly)"), Set.of(Role.BOARD)));
    }

    @Override
    public Schedule schedule() {
        return Schedule.parse(config.reminderSchedule());
    }

    @Override
    public String run(Run run) {
        LocalDate week = SchoolCalendar.mondayOf(run.day()).minusWeeks(1);
        if (!FiscalYear.handles(week)) {
            return "week of " + week + " is outside the fiscal years handled";
        }
        int fy = FiscalYear.containing(week).year();
        List<ReportingService.Missing> missing = reporting.notReporting(week);
        int sent = 0;
        for (ReportingService.Missing m : missing) {
            sent += notifier.send(schoolNotice(m, week, fy)) ? 1 : 0;
        }
        if (!missing.isEmpty()) {
            notifier.send(summary(missing, week, fy));
        }
        return missing.size() + " schools not reporting the week of " + week + "; " + sent + " reminded now";
    }

    private static String weekJa(LocalDate week) {
        return week.getMonthValue() + "月" + week.getDayOfMonth() + "日からの週";
    }

    private static String weekEn(LocalDate week) {
        return "the week of " + week;
    }

    static Notice schoolNotice(ReportingService.Missing m, LocalDate week, int fy) {
        LocalizedText year = FiscalYear.of(fy).label();
        String classesJa = m.missingClasses().isEmpty() ? "どのクラスもまだ記録がありません"
                + (m.classesRegistered() == 0 ? "（クラスが登録されていません）" : "")
                : "未報告のクラス: " + String.join("、", m.missingClasses()) + "（" + m.classesRegistered() + "クラス中"
                        + m.missingClasses().size() + "クラス）";
        String classesEn = m.missingClasses().isEmpty() ? "no class has reported yet"
                + (m.classesRegistered() == 0 ? " (no classes are registered)" : "")
                : "classes not reporting: " + String.join(", ", m.missingClasses()) + " (" + m.missingClasses().size()
                        + " of " + m.classesRegistered() + ")";
        return new Notice(KIND, KIND + "/" + week + "/" + m.schoolId(), Audience.school(m.schoolId()),
                LocalizedText.of("端末活用の記録がまだのクラスがあります — " + m.name().ja() + "（" + weekJa(week) + "）",
                        "Device use not reported — " + m.name().en() + " (" + weekEn(week) + ")"),
                LocalizedText.of(m.name().ja() + "の" + year.ja() + "、" + weekJa(week) + "の場面別の端末活用の記録について、"
                        + classesJa + "。\n\n「記録」のページで、クラスごとに入力してください。",
                        m.name().en() + ", " + year.en() + ", " + weekEn(week) + ": " + classesEn
                                + ".\n\nPlease record each class's device use on the Record page."),
                "#/record", m.schoolId(), fy);
    }

    static Notice summary(List<ReportingService.Missing> missing, LocalDate week, int fy) {
        StringBuilder ja = new StringBuilder(weekJa(week) + "の端末活用の記録がそろっていない学校は" + missing.size() + "校です。\n\n");
        StringBuilder en = new StringBuilder(missing.size() + " schools have classes that did not report device use for "
                + weekEn(week) + ".\n\n");
        for (ReportingService.Missing m : missing.subList(0, Math.min(SUMMARY_NAMES, missing.size()))) {
            int short_ = m.missingClasses().isEmpty() ? m.classesRegistered() : m.missingClasses().size();
            ja.append("・").append(m.name().ja()).append("（").append(m.schoolId()).append("）")
                    .append(m.classesReporting() == 0 ? " 報告なし" : " 未報告" + short_ + "クラス").append('\n');
            en.append("- ").append(m.name().en()).append(" (").append(m.schoolId()).append(")")
                    .append(m.classesReporting() == 0 ? ": nothing reported" : ": " + short_ + " classes missing")
                    .append('\n');
        }
        if (missing.size() > SUMMARY_NAMES) {
            ja.append("ほか").append(missing.size() - SUMMARY_NAMES).append("校\n");
            en.append("and ").append(missing.size() - SUMMARY_NAMES).append(" more\n");
        }
        ja.append("\n各校には個別にお知らせしました。");
        en.append("\nEach school was reminded.");
        return new Notice(SUMMARY_KIND, SUMMARY_KIND + "/" + week, Audience.board(),
                LocalizedText.of("未報告の学校 " + missing.size() + "校（" + weekJa(week) + "）",
                        missing.size() + " schools not reporting (" + weekEn(week) + ")"),
                LocalizedText.of(ja.toString(), en.toString()), "#/city", null, fy);
    }
}
