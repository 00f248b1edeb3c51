package org.gigaplan.platform.internal.notify;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Schedule;
import org.gigaplan.plan.notify.ScheduledJob;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The weekly digest: one mail to each user who chose it for some kind, listing those notices since their last. */
@Component(service = ScheduledJob.class, configurationPid = NotifyConfig.PID)
public class DigestJob implements ScheduledJob {

    private final Notifications notifications;
    private final NotifyConfig config;

    @Activate
    public DigestJob(@Reference Notifications notifications, NotifyConfig config) {
        this.notifications = notifications;
        this.config = config;
    }

    @Override
    public String id() {
        return "platform.digest";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("週1回のまとめメール", "Weekly digest e-mail");
    }

    @Override
    public Schedule schedule() {
        return Schedule.parse(config.digestSchedule());
    }

    @Override
    public String run(Run run) {
        return notifications.queueDigests(run.dueAt()) + " digests queued";
    }
}
