package org.gigaplan.platform.internal.command;

import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.platform.internal.security.ApiKeyService;
import org.gigaplan.platform.internal.security.ApiKeyService.CreatedKey;
import org.gigaplan.platform.internal.security.ApiKeyService.KeyInfo;

/** Console commands for API keys of machine clients. */
public final class ApiKeyCommands {

    private ApiKeyCommands() {
    }

    @Service
    @Command(scope = "apikey", name = "create", description = "Creates an API key for a machine client of one school "
            + "(role agent: may post that school's records). The key is printed once and stored nowhere: hand it "
            + "over now.")
    public static class Create implements Action {

        @Argument(index = 0, name = "school", required = true, description = "Id of the school the key belongs to")
        String school;

        @Option(name = "--label", aliases = "-l", description = "What the key is for, e.g. the vendor's name")
        String label;

        @Reference
        ApiKeyService keys;

        @Reference
        Session session;

        @Reference
        AuditLog audit;

        @Override
        public Object execute() {
            try {
                CreatedKey key = keys.create(school, label, "console:" + session.get("USER"));
                ConsoleAudit.record(audit, session, school, "apikey:create " + school, true,
                        AuditSummaries.apiKeyCreated(key.keyId(), key.label(), key.schoolId()));
                System.out.println("API key " + key.keyId() + " for school " + key.schoolId() + " (" + key.label() + "):");
                System.out.println(key.key());
                System.out.println("Send it as 'Authorization: Bearer <key>'. It is not shown again.");
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException("No key created:" + ConsoleText.errors(e), e);
            }
            return null;
        }
    }

    @Service
    @Command(scope = "apikey", name = "list", description = "Lists API keys, working and revoked, without their secrets.")
    public static class ListKeys implements Action {

        @Option(name = "--school", aliases = "-s", description = "Only the keys of this school")
        String school;

        @Reference
        ApiKeyService keys;

        @Override
        public Object execute() {
            ConsoleTable table = new ConsoleTable().column("Key id").column("School").column("Label")
                    .column("Created").column("By").column("Revoked").emptyText("(no API keys)");
            for (KeyInfo k : keys.list(school)) {
                table.row(k.keyId(), k.schoolId(), k.label(), k.createdAt(), k.createdBy(),
                        k.revoked() ? k.revokedAt() + " by " + k.revokedBy() : "");
            }
            table.print(System.out);
            return null;
        }
    }

    @Service
    @Command(scope = "apikey", name = "revoke", description = "Revokes an API key for good: its next call is refused.")
    public static class Revoke implements Action {

        @Argument(index = 0, name = "keyId", required = true, description = "Id of the key (see apikey:list)")
        String keyId;

        @Reference
        ApiKeyService keys;

        @Reference
        Session session;

        @Reference
        AuditLog audit;

        @Override
        public Object execute() {
            if (!keys.revoke(keyId, "console:" + session.get("USER"))) {
                throw new IllegalArgumentException("No working API key " + keyId);
            }
            ConsoleAudit.record(audit, session, "apikey:revoke " + keyId, true, AuditSummaries.apiKeyRevoked(keyId));
            System.out.println("Revoked API key " + keyId);
            return null;
        }
    }
}
