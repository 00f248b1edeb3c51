package org.gigaplan.outreach.internal.command;

import java.time.LocalDate;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.outreach.internal.Meeting;
import org.gigaplan.outreach.internal.MeetingService;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException;

@Service
@Command(scope = "outreach", name = "compliance", description = "Lists the schools that have not yet explained ICT use "
        + "at a parent meeting this fiscal year (every school needs one), with the days left.")
public class ComplianceCommand implements Action {

    @Option(name = "--date", aliases = "-d", description = "As of this day, YYYY-MM-DD (default: today)")
    String date;

    @Option(name = "--lang", aliases = "-l",
            description = "Language of names: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    MeetingService meetings;

    @Override
    public Object execute() {
        LocalDate day = ConsoleText.date("--date", date);
        Meeting.Compliance c;
        try {
            c = meetings.compliance(FiscalYear.containing(day == null ? meetings.today() : day), day);
        } catch (InvalidInputException e) {
            System.err.println(ConsoleText.errors(e));
            return null;
        }
        Locale locale = ConsoleText.locale(lang);
        String share = c.share() == null ? "–" : c.share() + ConsoleText.in(locale, "%", " %");
        System.out.println(ConsoleText.in(locale,
                FiscalYear.of(c.fiscalYear()).label().ja() + " " + c.asOf() + " 現在: " + c.schools() + " 校のうち "
                        + c.compliant() + " 校が保護者会でICT活用を説明しました（" + share + "）。年度末まで " + c.daysLeft()
                        + " 日。",
                FiscalYear.of(c.fiscalYear()).englishLabel() + " as of " + c.asOf() + ": " + c.compliant() + " of "
                        + c.schools() + " schools held a parent meeting on ICT use (" + share + "); " + c.daysLeft()
                        + " days left in the fiscal year."));
        ConsoleTable table = new ConsoleTable().emptyText(ConsoleText.in(locale, "すべての学校が実施しました",
                "every school has held one"));
        table.columns(ConsoleText.in(locale, "学校", "School"), ConsoleText.in(locale, "名前", "Name"),
                ConsoleText.in(locale, "学校種", "Type"));
        for (Meeting.Missing m : c.notYet()) {
            table.row(m.schoolId(), ConsoleText.of(m.name(), locale, 30), m.type());
        }
        table.print(System.out);
        return null;
    }
}
