package org.gigaplan.environment.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.environment.internal.Webhook;
import org.gigaplan.environment.internal.Webhooks;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;

/** Console commands for the schools' webhook URLs (speed-test agents that cannot set a header). */
public final class WebhookCommands {

    private WebhookCommands() {
    }

    @Service
    @Command(scope = "network", name = "webhook-add", description = "Makes a webhook URL for a school's speed-test "
            + "agent (Speedtest Tracker: Settings → Notifications → Webhook). The URL holds a secret and is printed "
            + "once; revoke it with network:webhook-revoke.")
    public static class Add implements Action {

        @Option(name = "--label", aliases = "-l", description = "What the hook is for, e.g. where the agent runs")
        String label;

        @Option(name = "--base", aliases = "-b", description = "The platform's address as the agent reaches it "
                + "(default http://localhost:8181)")
        String base = "http://localhost:8181";

        @Argument(index = 0, name = "school", required = true, description = "Id of the school the agent measures")
        String school;

        @Reference
        Webhooks webhooks;

        @Reference
        Session session;

        @Reference
        AuditLog audit;

        @Override
        public Object execute() {
            try {
                Webhooks.Created made = webhooks.create(school, label, "console:" + session.get("USER"));
                audit.record(AuditEntry.console(session.get("USER"), made.webhook().schoolId(),
                        "network:webhook-add " + school, true, "environment webhook #" + made.webhook().id() + " made"));
                System.out.println("Webhook #" + made.webhook().id() + " for school " + made.webhook().schoolId() + ":");
                System.out.println(base.replaceAll("/+$", "") + "/api/" + Webhooks.PATH + made.secret());
                System.out.println("It is not shown again.");
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException("No webhook made:" + ConsoleText.errors(e), e);
            }
            return null;
        }
    }

    @Service
    @Command(scope = "network", name = "webhooks", description = "Lists the schools' webhook URLs, working and "
            + "revoked, without their secrets, and when each was last used.")
    public static class ListHooks implements Action {

        @Option(name = "--school", aliases = "-s", description = "Only the hooks of this school")
        String school;

        @Reference
        Webhooks webhooks;

        @Override
        public Object execute() {
            ConsoleTable table = new ConsoleTable().rightColumns("Id").columns("School", "Label", "Created", "By",
                    "Last used", "Revoked").emptyText("(no webhooks)");
            for (Webhook h : webhooks.list(school)) {
                table.row(h.id(), h.schoolId(), h.label() == null ? "" : h.label(), h.createdAt(), h.createdBy(),
                        h.lastUsedAt() == null ? "never" : h.lastUsedAt(),
                        h.revoked() ? h.revokedAt() + " by " + h.revokedBy() : "");
            }
            table.print(System.out);
            return null;
        }
    }

    @Service
    @Command(scope = "network", name = "webhook-revoke", description = "Revokes a webhook URL for good: the agent's "
            + "next post is refused (404).")
    public static class Revoke implements Action {

        @Argument(index = 0, name = "id", required = true, description = "Id of the hook (see network:webhooks)")
        long id;

        @Reference
        Webhooks webhooks;

        @Reference
        Session session;

        @Reference
        AuditLog audit;

        @Override
        public Object execute() {
            Webhook hook = webhooks.find(id).filter(h -> !h.revoked())
                    .orElseThrow(() -> new IllegalArgumentException("No working webhook #" + id));
            webhooks.revoke(id, "console:" + session.get("USER"));
            audit.record(AuditEntry.console(session.get("USER"), hook.schoolId(), "network:webhook-revoke " + id, true,
                    "environment webhook #" + id + " revoked"));
            System.out.println("Revoked webhook #" + id + " of school " + hook.schoolId());
            return null;
        }
    }
}
