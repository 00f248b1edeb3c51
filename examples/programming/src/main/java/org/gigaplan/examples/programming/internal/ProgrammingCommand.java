package org.gigaplan.examples.programming.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FiscalYearParam;

/** {@code programming:lessons}: the term's lessons, newest first, and the share of classes reaching the minimum. */
@Service
@Command(scope = "programming", name = "lessons", description = "Lists the programming lessons of the fiscal "
        + "year's term now (this year by default), newest first, and the share of classes with enough of them.")
public class ProgrammingCommand implements Action {

    @Option(name = "--fiscal-year", aliases = "-y", description = "The fiscal year, e.g. 2025 (default: this one)")
    Integer fiscalYear;

    @Reference
    ProgrammingService service;

    @Override
    public Object execute() {
        FiscalYear fy = FiscalYearParam.of(fiscalYear, "--fiscal-year", service.clock());
        ProgrammingService.Term term = service.term(fy);
        ConsoleTable table = new ConsoleTable().emptyText("no programming lessons in term " + term.number());
        table.rightColumn("ID").columns("School", "Class", "Day", "Unit").rightColumn("Hours").column("Tools");
        for (ProgrammingLesson l : service.lessons(null, term.from(), term.to())) {
            table.row(l.id(), l.schoolId(), l.classRef(), l.day(), ConsoleTable.cut(l.unit(), 30), l.hours(),
                    String.join(", ", l.tools()));
        }
        table.print(System.out);
        ProgrammingService.Share share = service.share(null, fy);
        System.out.println("FY" + fy.year() + " term " + term.number() + " (" + term.from() + " – " + term.to() + "): "
                + share.classesCounted() + " of " + share.classes() + " classes had " + share.minimumLessons()
                + " or more lessons" + (share.percent() == null ? "" : " (" + share.percent() + " %)"));
        return null;
    }
}
