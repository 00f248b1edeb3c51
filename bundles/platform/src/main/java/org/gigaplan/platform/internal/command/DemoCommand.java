package org.gigaplan.platform.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.DemoService;

@Service
@Command(scope = "gigaplan", name = "demo", description = "Fills synthetic demo data now through the demo hook of "
        + "the installed policy modules (all, or those named), even if filled before. Demo data is marked as such "
        + "wherever it shows; never run this where real schools report.")
public class DemoCommand implements Action {

    @Argument(index = 0, name = "modules", multiValued = true, description = "Module ids (default: every installed module)")
    List<String> modules;

    @Option(name = "--fiscal-year", aliases = "-y", description = "Fiscal year to fill (default: the configured demo "
            + "year, else that of the latest action plan)")
    Integer fiscalYear;

    @Reference
    DemoService demo;

    @Reference
    AuditLog audit;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        List<String> wanted = modules == null ? List.of() : modules;
        List<String> unknown = wanted.stream().filter(m -> !demo.moduleIds().contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Not installed: " + unknown + "; installed modules: " + demo.moduleIds());
        }
        FiscalYear fy = fiscalYear == null ? demo.fiscalYear() : FiscalYear.of(fiscalYear);
        List<String> filled;
        try {
            filled = demo.fillNow(fy, wanted, System.out::println);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("Nothing filled:" + ConsoleText.errors(e), e);
        }
        ConsoleAudit.record(audit, session, "gigaplan:demo", true, "demo data " + fy + " filled for " + filled);
        System.out.println(filled.isEmpty() ? "No policy module is installed: nothing to fill."
                : "Demo data filled for " + fy + " (" + fy.japaneseLabel() + "): " + filled);
        return null;
    }
}
