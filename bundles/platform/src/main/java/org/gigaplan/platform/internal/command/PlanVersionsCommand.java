package org.gigaplan.platform.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.AuditSummaries;

@Service
@Command(scope = "plan", name = "versions", description = "Lists the plan's versions, newest first: what made each, "
        + "who, when, and with --changes every field changed, before → after.")
public class PlanVersionsCommand implements Action {

    @Option(name = "--limit", aliases = "-n", description = "How many versions (default 20)")
    int limit = 20;

    @Option(name = "--changes", aliases = "-c", description = "Each field changed, before → after")
    boolean changes;

    @Reference
    PlanService plans;

    @Override
    public Object execute() {
        List<PlanVersion> versions = plans.versions().stream().limit(Math.max(1, limit)).toList();
        ConsoleTable table = new ConsoleTable().emptyText("no versions");
        table.rightColumns("Version").columns("Kind", "At", "By", "Data");
        table.column(changes ? "Field: before → after" : "Summary");
        for (PlanVersion v : versions) {
            table.row(Long.toString(v.version()), v.kind().name(), v.at().toString(), v.by(), v.dataVersion(),
                    v.summary());
            if (changes) {
                for (PlanVersion.Change c : v.changes()) {
                    table.row("", "", "", "", "", c.path() + ": " + AuditSummaries.shorten(c.before()) + " → "
                            + AuditSummaries.shorten(c.after()));
                }
            }
        }
        table.print(System.out);
        return null;
    }
}
