package org.gigaplan.plan.notify;

import java.time.Instant;
import java.time.LocalDate;

import org.gigaplan.plan.model.LocalizedText;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A job the platform runs on its {@link #schedule()}: once per due time for the whole installation, however many nodes
 * share its database (a lease in the database decides which node runs it); a due time missed while every node was
 * down runs at the next start, once. A job may run again for the same due time when a node died mid-run: send
 * notices with keys made of what they are about, and the second run sends nothing twice.
 *
 * <p>Register one as an OSGi service; take its schedule and thresholds from the module's configuration, so an operator
 * changes them in {@code etc/} without a build.
 */
@ConsumerType
public interface ScheduledJob {

    /** Stable id, {@code <module id>.<name>}, e.g. {@code usage.weekly-reminder}. */
    String id();

    /** What the job does, for {@code notify:jobs} and the board's page. */
    LocalizedText name();

    /** The kinds of notice it sends, so users can choose how they get each before the first one comes. */
    default java.util.List<NoticeKind> kinds() {
        return java.util.List.of();
    }

    /** When it runs; read again before each run, so a changed configuration takes effect at once. */
    Schedule schedule();

    /**
     * Does the job for one due time, sending notices through the {@link Notifier}.
     *
     * @return what it did, in a line for the job list (e.g. "reminded 12 schools")
     */
    String run(Run run);

    /**
     * One run of a job.
     *
     * @param dueAt when the schedule named (a run catching up after a stop is later than this)
     * @param day   the day it was due, in the platform's zone: what the job is about (e.g. the week before it)
     * @param now   when it runs
     */
    record Run(Instant dueAt, LocalDate day, Instant now) {
    }
}
