package org.gigaplan.platform.internal.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.mail.MessagingException;

import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.platform.internal.Daemons;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the stored mails: each due one is claimed (so no other node sends it), handed to the mail server, and marked
 * sent; when the server is down or refuses it, tried again later, twice as long after each attempt (at most an hour),
 * and marked failed with the reason after the configured number of attempts. Works every few seconds and at once
 * when a notice queued mail. A mail sent whose mark was lost (the node died in between) is sent again once its claim
 * has run out, with the same Message-ID.
 */
@Component(service = Outbox.class, immediate = true, configurationPid = NotifyConfig.PID)
public class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** How long a claim keeps other nodes off a mail: longer than a send can take. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final int BATCH = 50;

    /** The delivery log's entry for a mail, without its text. */
    public record Delivery(long id, String kind, String user, String address, String subject, String state,
            int attempts, Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastError) {
    }

    /** The delivery log: a page of it and how many mails are in each state. */
    public record Log(Page<Delivery> page, Map<String, Long> states, String server) {
    }

    private final Database database;
    private final PlanClock clock;
    private final NotifyConfig config;
    private final SmtpTransport smtp;
    private final String node;
    private final MailStore store = new MailStore();
    private final ScheduledExecutorService worker;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Whether this outbox sends by itself (a test's drains only when told). */
    private final boolean working;

    @Activate
    public Outbox(@Reference Database database, @Reference PlanClock clock, NotifyConfig config) {
        this(database, clock, config, true);
    }

    Outbox(Database database, PlanClock clock, NotifyConfig config, boolean start) {
        this.database = database;
        this.clock = clock;
        this.config = config;
        this.smtp = new SmtpTransport(config);
        this.node = JobScheduler.nodeName(config);
        this.working = start;
        this.worker = Daemons.scheduled("gigaplan-outbox");
        if (start && smtp.configured()) {
            worker.scheduleWithFixedDelay(this::drainQuietly, 5, config.tickSeconds(), TimeUnit.SECONDS);
            LOG.info("Mail goes to {} from {}", smtp.describe(), config.sender());
        } else if (start) {
            LOG.info("No mail server configured ({} smtpHost): notices reach the dashboard's inboxes only",
                    NotifyConfig.PID);
        }
    }

    @Deactivate
    void stop() {
        Daemons.stop(worker, "the mail sender", java.time.Duration.ofSeconds(10));
    }

    /** Sends what is due in a second (a notice just queued mail; its transaction may still be committing). */
    void wakeSoon() {
        if (working && smtp.configured() && wakeQueued.compareAndSet(false, true)) {
            worker.schedule(() -> {
                wakeQueued.set(false);
                drainQuietly();
            }, 1, TimeUnit.SECONDS);
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException | LinkageError e) {
            // Caught whatever it is: an executor runs a periodic task that threw never again.
            LOG.error("The mail sender could not look for mail to send", e);
        }
    }

    /** Sends every mail due now, each claimed first. @return how many were sent */
    int drain() {
        int sent = 0;
        while (true) {
            Instant now = clock.now();
            List<Long> due = database.transaction(c -> store.due(c, now, BATCH));
            int claimed = 0;
            for (long id : due) {
                Instant at = clock.now();
                if (!database.transaction(c -> store.claim(c, id, node, at, at.plus(CLAIM)))) {
                    continue;
                }
                claimed++;
                sent += attempt(id) ? 1 : 0;
            }
            if (due.size() < BATCH || claimed == 0) {
                return sent;
            }
        }
    }

    /** Tries one claimed mail. @return whether the server took it */
    private boolean attempt(long id) {
        MailStore.Mail m = database.transaction(c -> store.mail(c, id)).orElseThrow();
        int attempts = m.attempts() + 1;
        try {
            smtp.send(m.address(), m.subject(), m.body(), m.key());
        } catch (MessagingException | RuntimeException | LinkageError e) {
            // A LinkageError too: a class JavaMail needs missing from the runtime fails this mail, not the sender.
            String reason = reason(e);
            Instant next = attempts >= config.maxAttempts() ? null : clock.now().plus(backoff(attempts));
            database.transaction(c -> {
                store.failed(c, id, attempts, reason, next);
                return null;
            });
            if (next == null) {
                LOG.warn("Mail {} ({}) to {} failed after {} attempts: {}", id, m.kind(), m.address(), attempts, reason);
            } else {
                LOG.info("Mail {} to {} not sent (attempt {}), trying again at {}: {}", id, m.address(), attempts, next,
                        reason);
            }
            return false;
        }
        database.transaction(c -> {
            store.sent(c, id, attempts, clock.now());
            return null;
        });
        return true;
    }

    /** The wait after a failed attempt: the first retry's, doubled each time, at most an hour. */
    Duration backoff(int attempts) {
        long seconds = (long) config.firstRetrySeconds() << Math.min(attempts - 1, 20);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.getSeconds()));
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** Queues a test mail to an address and tries it at once. @return the mail as logged after the attempt */
    public Delivery sendTest(String address, boolean japanese, String by) {
        if (!smtp.configured()) {
            throw new IllegalStateException("no mail server is configured: set smtpHost in etc/" + NotifyConfig.PID
                    + ".cfg");
        }
        Instant now = clock.now();
        String key = "test/" + now + " → " + address;
        database.transaction(c -> store.queue(c, key, null, "platform.test", by, address,
                MailText.subject(org.gigaplan.plan.model.LocalizedText.of("テスト送信", "Test message"), japanese),
                japanese ? "GIGA Plan からのテスト送信です（" + by + " が送信）。このメールが届けば、メールの設定は正しく動いています。\n"
                        : "A test message from GIGA Plan (sent by " + by + "). If you read this, mail works.\n",
                now));
        drain();
        return database.transaction(c -> store.mail(c, key)).map(Outbox::delivery).orElseThrow();
    }

    public Log log(String state, PageRequest request) {
        MailStore.State filter = state == null || state.isBlank() ? null : MailStore.State.valueOf(state);
        return database.transaction(c -> {
            Map<MailStore.State, Long> counts = store.counts(c);
            long total = filter == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(filter);
            List<Delivery> items = store.log(c, filter, request.offset(), request.limit()).stream()
                    .map(Outbox::delivery).toList();
            Map<String, Long> states = new java.util.LinkedHashMap<>();
            counts.forEach((k, v) -> states.put(k.name(), v));
            return new Log(Page.of(items, request, total), states, smtp.describe());
        });
    }

    private static Delivery delivery(MailStore.Mail m) {
        return new Delivery(m.id(), m.kind(), m.user(), m.address(), m.subject(), m.state().name(), m.attempts(),
                m.createdAt(), m.sentAt(), m.state() == MailStore.State.PENDING ? m.nextAttemptAt() : null,
                m.lastError());
    }
}
