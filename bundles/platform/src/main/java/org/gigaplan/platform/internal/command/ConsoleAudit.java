package org.gigaplan.platform.internal.command;

import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;

/** Records a console write in the audit log, under the console user's name. */
final class ConsoleAudit {

    private ConsoleAudit() {
    }

    static void record(AuditLog audit, Session session, String command, boolean ok, String summary) {
        record(audit, session, null, command, ok, summary);
    }

    /** @param school the school whose data the command wrote, or null for city-wide data */
    static void record(AuditLog audit, Session session, String school, String command, boolean ok, String summary) {
        audit.record(AuditEntry.console(user(session), school, command, ok, summary));
    }

    /** The console user's name, or {@code console} when the session names none. */
    static String user(Session session) {
        Object user = session == null ? null : session.get("USER");
        return user == null ? "console" : user.toString();
    }
}
