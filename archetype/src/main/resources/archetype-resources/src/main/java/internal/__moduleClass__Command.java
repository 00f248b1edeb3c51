package ${package}.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FiscalYearParam;

/** {@code ${moduleId}:records}: the records of a fiscal year, newest first, for the operator at the console. */
@Service
@Command(scope = "${moduleId}", name = "records", description = "Lists the ${moduleClass} records of a fiscal year "
        + "(this one by default), newest first, and how many schools recorded.")
public class ${moduleClass}Command implements Action {

    @Option(name = "--fiscal-year", aliases = "-y", description = "The fiscal year, e.g. 2025 (default: this one)")
    Integer fiscalYear;

    @Reference
    ${moduleClass}Service service;

    @Override
    public Object execute() {
        FiscalYear fy = FiscalYearParam.of(fiscalYear, "--fiscal-year", service.clock());
        ConsoleTable table = new ConsoleTable().emptyText("no records in FY" + fy.year());
        table.rightColumn("ID").columns("School", "Day").rightColumn("Hours").column("Title");
        for (${moduleClass}Record r : service.records(null, fy)) {
            table.row(r.id(), r.schoolId(), r.day(), r.hours(), ConsoleTable.cut(r.title(), 40));
        }
        table.print(System.out);
        ${moduleClass}Service.Share share = service.share(null, fy);
        System.out.println(share.recording() + " of " + share.schools() + " schools recorded in FY" + fy.year());
        return null;
    }
}
