package org.gigaplan.training.internal.command;

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
import org.gigaplan.training.internal.Rates;
import org.gigaplan.training.internal.TrainingService;

@Service
@Command(scope = "training", name = "rates", description = "Shows teachers' ICT instruction-skill rates per checklist "
        + "category (share answering できる or ややできる) with the change since last year, for the city or each school.")
public class RatesCommand implements Action {

    @Option(name = "--fy", description = "Fiscal year, e.g. 2025 (default: the current one)")
    Integer fiscalYear;

    @Option(name = "--by-school", aliases = "-s", description = "One row per school (fewer than 5 teachers: suppressed)")
    boolean bySchool;

    @Option(name = "--lang", aliases = "-l",
            description = "Language of names: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    TrainingService training;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        FiscalYear fy = training.fiscalYear(fiscalYear, "--fy");
        List<Rates> rows = bySchool ? training.ratesBySchool(fy) : List.of(training.rates(fy, null, true));
        ConsoleTable table = new ConsoleTable().emptyText(ConsoleText.in(locale, fy.label().ja() + "の回答はありません",
                "no answers in " + fy));
        table.columns(ConsoleText.in(locale, "区分", "Group")).rightColumns(ConsoleText.in(locale, "教員数", "Teachers"));
        for (String c : List.of("A", "B", "C", "D")) {
            table.rightColumn(c + " %");
            table.rightColumn("±");
        }
        for (Rates r : rows) {
            Object[] cells = new Object[10];
            cells[0] = ConsoleText.of(r.label(), locale, 30);
            cells[1] = r.teachers() + (r.suppressed() ? ConsoleText.in(locale, "（非表示）", " (suppressed)") : "");
            for (int i = 0; i < 4; i++) {
                Rates.Rate rate = r.categories().get(i);
                cells[2 + 2 * i] = rate.rate() == null ? "–" : String.format(Locale.ROOT, "%.1f", rate.rate());
                cells[3 + 2 * i] = rate.change() == null ? "" : String.format(Locale.ROOT, "%+.1f", rate.change());
            }
            table.row(cells);
        }
        System.out.println(fy.label().in(locale));
        table.print(System.out);
        training.checklist().categories().forEach(c -> System.out.println(c.code() + ": " + c.title().in(locale)));
        return null;
    }
}
