package org.gigaplan.platform.internal.command;

import org.gigaplan.plan.console.ConsoleTable;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.AuditLogImpl;
import org.gigaplan.platform.internal.store.AuditStore;

@Service
@Command(scope = "audit", name = "list", description = "Lists the audit log, newest first: every write through /api "
        + "and the console, refusals included.")
public class AuditListCommand implements Action {

    @Option(name = "--actor", aliases = "-a", description = "Only entries by this user (or key:<id> …)")
    String actor;

    @Option(name = "--school", aliases = "-s", description = "Only entries of this school")
    String school;

    @Option(name = "--action", description = "Only actions containing this text, e.g. schools/import")
    String action;

    @Option(name = "--limit", aliases = "-n", description = "How many entries (default 50)")
    int limit = 50;

    @Reference
    AuditLogImpl audit;

    @Override
    public Object execute() {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("--limit must be from 1 to 10000");
        }
        AuditLog.Query query = new AuditLog.Query(actor, school, action, null, null);
        ConsoleTable table = new ConsoleTable().rightColumn("#").column("At (UTC)").column("Actor").column("Role")
                .column("School").column("Via").column("Action").column("Outcome").column("Summary")
                .emptyText("(no entries)");
        // Counted no further than that when nothing narrows the log: every /api write is an entry, millions a year.
        AuditStore.Found found = audit.page(query, 0, limit, AuditStore.COUNTED);
        for (AuditEntry e : found.entries()) {
            table.row(e.id(), e.at().toString().replace('T', ' '), e.actor(), e.role(), e.school(), e.channel(),
                    e.action(), e.outcome(), ConsoleTable.cut(e.summary() == null ? "" : e.summary(), 80));
        }
        table.print(System.out);
        System.out.println(table.size() + " of " + (found.totalAtLeast()
                ? String.format(java.util.Locale.ROOT, "%,d or more", found.total()) : found.total())
                + " entries");
        return null;
    }
}
