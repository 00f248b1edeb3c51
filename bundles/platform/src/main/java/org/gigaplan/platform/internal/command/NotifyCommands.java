package org.gigaplan.platform.internal.command;

import java.time.Instant;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.notify.JobScheduler;
import org.gigaplan.platform.internal.notify.Outbox;

/** The console's view of follow-up: the delivery log, the scheduled jobs, a job run now, a test mail. */
public final class NotifyCommands {

    private NotifyCommands() {
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString().substring(0, 16).replace('T', ' ');
    }

    @Service
    @Command(scope = "notify", name = "list", description = "Lists the mails sent, waiting and failed, newest first "
            + "(the delivery log), with how many are in each state and where mail goes.")
    public static class ListCommand implements Action {

        @Option(name = "--state", aliases = "-s", description = "Only PENDING, SENT or FAILED mails")
        String state;

        @Option(name = "--limit", aliases = "-n", description = "How many mails (default 30)")
        int limit = 30;

        @Option(name = "--lang", aliases = "-l",
                description = "Language of headings: ja or en (default: the deployment's language)")
        String lang;

        @Reference
        Outbox outbox;

        @Override
        public Object execute() {
            Locale locale = ConsoleText.locale(lang);
            if (state != null && !java.util.Set.of("PENDING", "SENT", "FAILED").contains(state)) {
                throw new IllegalArgumentException("--state is PENDING, SENT or FAILED");
            }
            Outbox.Log log = outbox.log(state, new PageRequest(0, Math.max(1, Math.min(limit, 500))));
            ConsoleTable table = new ConsoleTable().rightColumns("#")
                    .columns(ConsoleText.in(locale, "作成", "Queued"), ConsoleText.in(locale, "種類", "Kind"),
                            ConsoleText.in(locale, "宛先", "To"), ConsoleText.in(locale, "状態", "State"))
                    .rightColumns(ConsoleText.in(locale, "試行", "Tries"))
                    .columns(ConsoleText.in(locale, "送信/次回", "Sent / next"), ConsoleText.in(locale, "件名", "Subject"),
                            ConsoleText.in(locale, "理由", "Reason"))
                    .emptyText(ConsoleText.in(locale, "メールはありません", "no mail"));
            for (Outbox.Delivery d : log.page().items()) {
                table.row(d.id(), time(d.createdAt()), d.kind(), d.address(), d.state(), d.attempts(),
                        time(d.sentAt() != null ? d.sentAt() : d.nextAttemptAt()), ConsoleTable.cut(d.subject(), 40),
                        d.lastError() == null ? "" : ConsoleTable.cut(d.lastError(), 50));
            }
            table.print(System.out);
            System.out.println(log.states() + " · " + ConsoleText.in(locale, "送信先: ", "mail server: ") + log.server());
            return null;
        }
    }

    @Service
    @Command(scope = "notify", name = "jobs", description = "Lists the scheduled jobs: schedule, next run, last run, "
            + "its outcome and the node that ran it.")
    public static class JobsCommand implements Action {

        @Option(name = "--lang", aliases = "-l",
                description = "Language of names: ja or en (default: the deployment's language)")
        String lang;

        @Reference
        JobScheduler scheduler;

        @Override
        public Object execute() {
            Locale locale = ConsoleText.locale(lang);
            ConsoleTable table = new ConsoleTable()
                    .columns("ID", ConsoleText.in(locale, "内容", "What"), ConsoleText.in(locale, "予定", "Schedule"),
                            ConsoleText.in(locale, "次回 (UTC)", "Next (UTC)"),
                            ConsoleText.in(locale, "前回 (UTC)", "Last (UTC)"), ConsoleText.in(locale, "結果", "Outcome"),
                            ConsoleText.in(locale, "ノード", "Node"), ConsoleText.in(locale, "詳細", "Detail"))
                    .emptyText(ConsoleText.in(locale, "ジョブはありません", "no jobs"));
            for (JobScheduler.JobView j : scheduler.jobs()) {
                String outcome = j.runningOn() != null ? ConsoleText.in(locale, "実行中", "running")
                        : j.lastOutcome() == null ? "" : j.lastOutcome();
                table.row(j.id() + (j.installed() ? "" : ConsoleText.in(locale, "（未導入）", " (not installed)")),
                        ConsoleText.of(j.name(), locale, 30), j.schedule(), time(j.nextRunAt()),
                        time(j.lastFinishedAt()), outcome, j.runningOn() != null ? j.runningOn() : j.lastNode() == null ? "" : j.lastNode(),
                        j.lastDetail() == null ? "" : ConsoleTable.cut(j.lastDetail(), 50));
            }
            table.print(System.out);
            return null;
        }
    }

    @Service
    @Command(scope = "notify", name = "run", description = "Runs a scheduled job now, for today, whatever its "
            + "schedule says (its next scheduled run stays as it is).")
    public static class RunCommand implements Action {

        @Argument(index = 0, name = "job", required = true, description = "The job's id, as notify:jobs lists it")
        String job;

        @Reference
        JobScheduler scheduler;

        @Reference
        AuditLog audit;

        @Reference
        Session session;

        @Override
        public Object execute() {
            JobScheduler.Outcome o = scheduler.runNow(job);
            ConsoleAudit.record(audit, session, "notify:run " + job, o.ran(), o.outcome() + " " + o.detail());
            System.out.println(job + ": " + o.outcome() + " · " + o.detail());
            return null;
        }
    }

    @Service
    @Command(scope = "notify", name = "send-test", description = "Sends a test mail to an address now, through the "
            + "configured mail server, and says whether the server took it.")
    public static class SendTestCommand implements Action {

        @Argument(index = 0, name = "address", required = true, description = "Where to send the test mail")
        String address;

        @Option(name = "--lang", aliases = "-l", description = "Language of the mail: ja (default) or en")
        String lang;

        @Reference
        Outbox outbox;

        @Reference
        AuditLog audit;

        @Reference
        Session session;

        @Override
        public Object execute() {
            Outbox.Delivery d = outbox.sendTest(address, !"en".equals(lang), ConsoleAudit.user(session));
            ConsoleAudit.record(audit, session, "notify:send-test", "SENT".equals(d.state()), "test mail to " + address);
            System.out.println(d.state().equals("SENT") ? "Sent to " + address + " (mail " + d.id() + ")"
                    : "Not sent to " + address + " (mail " + d.id() + ", " + d.state() + "): " + d.lastError()
                            + (d.nextAttemptAt() == null ? "" : "; trying again at " + d.nextAttemptAt()));
            return null;
        }
    }
}
