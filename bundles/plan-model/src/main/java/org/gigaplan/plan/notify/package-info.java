/**
 * Follow-up: notices to the board, a school or a teacher, kept for their in-dashboard inbox and mailed to those who
 * asked for mail ({@link org.gigaplan.plan.notify.Notifier}), and jobs the platform runs on a schedule, once per
 * installation however many nodes share its database ({@link org.gigaplan.plan.notify.ScheduledJob}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gigaplan.plan.notify;
