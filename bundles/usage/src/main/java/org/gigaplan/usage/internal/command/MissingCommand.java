package org.gigaplan.usage.internal.command;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.usage.internal.SchoolCalendar;
import org.gigaplan.usage.internal.ReportingService;
import org.gigaplan.usage.internal.UsageService;

@Service
@Command(scope = "usage", name = "missing", description = "Lists schools and classes with no usage record for a "
        + "week (default: last week): the board's reminder list.")
public class MissingCommand implements Action {

    @Option(name = "--week", aliases = "-w", description = "The week, given as any of its days (default: last week)")
    String week;

    @Option(name = "--lang", aliases = "-l",
            description = "Language of names: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    UsageService usage;

    @Reference
    ReportingService reporting;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        LocalDate monday = week == null ? usage.calendar().lastWeek() : SchoolCalendar.mondayOf(ConsoleText.date("--week", week));
        List<ReportingService.Missing> missing = reporting.notReporting(monday);
        ConsoleTable table = new ConsoleTable().emptyText(ConsoleText.in(locale, "登録されたすべての学級が報告しました",
                "every registered class reported"));
        table.columns(ConsoleText.in(locale, "学校", "School"), ConsoleText.in(locale, "名前", "Name"))
                .rightColumns(ConsoleText.in(locale, "名簿の学級", "Directory"), ConsoleText.in(locale, "登録", "Registered"),
                        ConsoleText.in(locale, "報告", "Reporting"))
                .columns(ConsoleText.in(locale, "報告のない学級", "Missing classes"));
        for (ReportingService.Missing m : missing) {
            table.row(m.schoolId(), ConsoleText.of(m.name(), locale, 30), m.classesInDirectory(), m.classesRegistered(),
                    m.classesReporting(), ConsoleTable.cut(String.join(" ", m.missingClasses()), 40));
        }
        System.out.println(ConsoleText.in(locale, monday + " の週", "Week of " + monday));
        table.print(System.out);
        long none = missing.stream().filter(m -> m.classesReporting() == 0).count();
        System.out.println(ConsoleText.in(locale,
                "記録のない学校 " + none + " 校、報告のない学級がある学校 " + (missing.size() - none) + " 校",
                none + " schools without records, " + (missing.size() - none) + " with classes missing"));
        return null;
    }
}
