package org.gigaplan.platform.internal.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.store.Migrations;
import org.gigaplan.platform.internal.store.PlatformDatabase;

@Service
@Command(scope = "gigaplan", name = "migration-lock", description = "Shows the database's migration lock and, with "
        + "--release, releases one a node left set when it died migrating (every node starting then waits for it). "
        + "Only a lock set longer ago than --older-than minutes is released: a node migrating now holds its lock for "
        + "seconds. Stop the nodes that are starting first if in doubt.")
public class MigrationLockCommand implements Action {

    @Option(name = "--release", description = "Release the lock when it is stale")
    boolean release;

    @Option(name = "--older-than", description = "Minutes since the lock was set for it to count as stale (default 10)")
    int olderThan = 10;

    @Reference
    PlatformDatabase database;

    @Reference
    AuditLog audit;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (olderThan < 0) {
            System.err.println("--older-than is a number of minutes, 0 or more / --older-than は0以上の分数です");
            return null;
        }
        if (!release) {
            Migrations.Lock lock = database.migrationLock();
            System.out.println(lock.locked() ? "The migration lock is set " + describe(lock)
                    + ". If no node is migrating, release it with --release. / 移行ロックが設定されています。"
                    : "The migration lock is free. / 移行ロックは解除されています。");
            return null;
        }
        Map.Entry<Migrations.Lock, Boolean> outcome = database.releaseStaleMigrationLock(Duration.ofMinutes(olderThan));
        Migrations.Lock was = outcome.getKey();
        if (!was.locked()) {
            System.out.println("The migration lock is free: nothing to release. / 移行ロックは解除されています。");
        } else if (outcome.getValue()) {
            ConsoleAudit.record(audit, session, "gigaplan:migration-lock --release", true,
                    "migration lock released, set " + describe(was));
            System.out.println("Released the migration lock, set " + describe(was) + ". / 移行ロックを解除しました。");
        } else {
            System.out.println("Not released: the lock was set " + describe(was) + ", less than " + olderThan
                    + " minutes ago, and a node may be migrating. Wait, or use --older-than 0 once no node is "
                    + "starting. / 設定から" + olderThan + "分以内のため解除しませんでした。");
        }
        return null;
    }

    private static String describe(Migrations.Lock lock) {
        String by = lock.by() == null ? "an unknown host" : lock.by();
        if (lock.since() == null) {
            return "by " + by;
        }
        long minutes = Duration.between(lock.since(), Instant.now()).toMinutes();
        return "by " + by + " at " + lock.since() + " (" + minutes + " min ago)";
    }
}
