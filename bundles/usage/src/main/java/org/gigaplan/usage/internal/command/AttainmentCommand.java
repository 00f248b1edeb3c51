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
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.usage.internal.SceneAttainment;
import org.gigaplan.usage.internal.SchoolCalendar;
import org.gigaplan.usage.internal.AttainmentService;
import org.gigaplan.usage.internal.UsageService;

@Service
@Command(scope = "usage", name = "attainment", description = "Shows attainment of the scene-use targets "
        + "(場面ごとの端末活用目標): per scene, classes and schools at the target, for the city or one school.")
public class AttainmentCommand implements Action {

    @Option(name = "--school", aliases = "-s", description = "One school's figures (default: the city)")
    String school;

    @Option(name = "--fy", description = "Fiscal year, e.g. 2025 (default: the current one)")
    Integer fiscalYear;

    @Option(name = "--week", aliases = "-w", description = "One week, given as its Monday (2025-06-02)")
    String week;

    @Option(name = "--term", aliases = "-t", description = "One term: 1 (前期) or 2 (後期)")
    Integer term;

    @Option(name = "--by", aliases = "-b", description = "Group by city (default), type, grade or school")
    String by = "city";

    @Option(name = "--lang", aliases = "-l",
            description = "Language of names: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    UsageService usage;

    @Reference
    AttainmentService attainments;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        AttainmentService.GroupBy group = AttainmentService.GroupBy.parse(by)
                .orElseThrow(() -> new IllegalArgumentException("--by must be city, type, grade or school, was " + by));
        FiscalYear fy = fiscalYear == null ? FiscalYear.containing(usage.calendar().today())
                : usage.fiscalYear(fiscalYear, "--fy");
        SchoolCalendar.Period period;
        if (week != null && term != null) {
            throw new IllegalArgumentException("give --week or --term, not both");
        } else if (week != null) {
            LocalDate monday = ConsoleText.date("--week", week);
            if (!SchoolCalendar.isMonday(monday) || !SchoolCalendar.fiscalYearOf(monday).equals(fy)) {
                throw new IllegalArgumentException("--week must be a Monday in " + fy + ", was " + week);
            }
            period = usage.calendar().week(fy, monday);
        } else if (term != null) {
            period = usage.calendar().term(fy, term);
        } else {
            period = usage.calendar().year(fy);
        }
        if (school != null) {
            usage.school(school, "--school");
        }
        SceneAttainment a = attainments.attainment(period, group, school);
        System.out.println(period.label().in(locale) + " (" + period.firstWeek() + " – " + period.lastWeek() + "), "
                + ConsoleText.in(locale, "目標 週" + a.timesPerWeek() + "回" + (a.demo() ? "、デモデータを含む" : ""),
                        "target " + a.timesPerWeek() + "/week" + (a.demo() ? ", includes DEMO data" : "")));
        print(a.groups(), locale);
        if (!a.reportedApart().isEmpty()) {
            System.out.println();
            System.out.println(ConsoleText.in(locale, "高等学校・中等教育学校等（学校ごとの取組、別掲）",
                    "High, secondary and special-needs schools (own measures, reported apart)"));
            print(a.reportedApart(), locale);
        }
        System.out.println(a.rule().in(locale));
        return null;
    }

    private static void print(List<SceneAttainment.Group> groups, Locale locale) {
        ConsoleTable table = new ConsoleTable().emptyText(ConsoleText.in(locale, "この期間の記録はありません",
                "no records in this period"));
        table.columns(ConsoleText.in(locale, "区分", "Group")).rightColumns(ConsoleText.in(locale, "場面", "Scene"),
                ConsoleText.in(locale, "学級", "Classes"), ConsoleText.in(locale, "達成", "Meeting"),
                ConsoleText.in(locale, "学級 %", "Class %"), ConsoleText.in(locale, "学校", "Schools"),
                ConsoleText.in(locale, "達成", "Meeting"), ConsoleText.in(locale, "学校 %", "School %"));
        for (SceneAttainment.Group g : groups) {
            for (SceneAttainment.SceneFigure f : g.scenes()) {
                table.row(ConsoleText.of(g.label(), locale, 44), f.scene(), f.classes(), f.classesMeeting(),
                        percent(f.classShare()), f.schools(), f.schoolsMeeting(), percent(f.schoolShare()));
            }
        }
        table.print(System.out);
        // High and secondary schools' own measures, beside their figures.
        for (SceneAttainment.Group g : groups) {
            for (var m : g.measures()) {
                var last = m.updates().isEmpty() ? null : m.updates().get(m.updates().size() - 1);
                System.out.println("  " + g.label().in(locale) + ": " + m.text() + " (" + m.target() + ")"
                        + (last == null ? "" : ", " + last.date() + " " + (last.percent() == null ? "" : last.percent() + "%")));
            }
        }
    }

    private static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.1f", share);
    }
}
