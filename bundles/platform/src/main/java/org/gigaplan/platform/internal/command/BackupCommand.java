package org.gigaplan.platform.internal.command;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.store.PlatformDatabase;

@Service
@Command(scope = "gigaplan", name = "backup", description = "Backs up the embedded Derby database while the platform "
        + "runs, into a new folder named by the time. To restore: stop Karaf, replace data/derby/gigaplan with the "
        + "backup's gigaplan folder, start Karaf (see the README). PostgreSQL is backed up with its own tools.")
public class BackupCommand implements Action {

    @Argument(index = 0, name = "folder", description = "Where to put the backup (default: data/backup)")
    String folder;

    @Reference
    PlatformDatabase database;

    @Reference
    AuditLog audit;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Path into = folder != null ? Path.of(folder)
                : Path.of(System.getProperty("karaf.data", "data"), "backup");
        System.out.println("Backing up the database into " + into.toAbsolutePath() + " …");
        long started = System.nanoTime();
        Path copy = database.backupTo(into);
        ConsoleAudit.record(audit, session, "gigaplan:backup", true, "database backed up to " + copy);
        System.out.printf("Backed up in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, copy);
        return null;
    }
}
