package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gigaplan.plan.notify.Notifier;
import org.gigaplan.plan.notify.ScheduledJob;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Follow-up wired in a real framework: the platform offers the notifier and its inbox on /api, and each module's
 * scheduled jobs are services that come and go with the module's bundle.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class NotifyInFrameworkTest {

    private static Set<String> jobs(BundleContext context) throws InvalidSyntaxException {
        Set<String> ids = new TreeSet<>();
        for (var ref : context.getServiceReferences(ScheduledJob.class, null)) {
            ScheduledJob job = context.getService(ref);
            if (job != null) {
                ids.add(job.id());
                context.ungetService(ref);
            }
        }
        return ids;
    }

    @Test
    void theModulesJobsComeAndGoWithTheirBundlesAndTheInboxIsServed(@InjectBundleContext BundleContext context,
            @InjectService(timeout = 30_000) Notifier notifier,
            @InjectService(timeout = 30_000) JaxrsServiceRuntime runtime) throws Exception {
        InFramework.await("the modules' jobs", () -> {
            try {
                return jobs(context).containsAll(List.of("platform.digest", "usage.weekly-reminder",
                        "outreach.parent-meeting-check", "environment.follow-up", "training.reminders",
                        "platform.board-digest"));
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        Bundle platform = InFramework.bundle(context, "org.gigaplan.platform");
        InFramework.await("the inbox on /api",
                () -> InFramework.resourcePaths(context, runtime, platform).contains("/notifications"));
        List<String> paths = InFramework.resourcePaths(context, runtime, platform);
        for (String p : List.of("/notifications/unread", "/notifications/preferences", "/notifications/jobs",
                "/notifications/deliveries", "/notifications/jobs/{id}/run")) {
            assertTrue(paths.contains(p), () -> p + " is served: " + paths);
        }

        Bundle usage = InFramework.bundle(context, "org.gigaplan.usage");
        usage.stop();
        try {
            InFramework.await("usage's job gone", () -> {
                try {
                    return !jobs(context).contains("usage.weekly-reminder");
                } catch (InvalidSyntaxException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(jobs(context).contains("outreach.parent-meeting-check"), "the others stay");
        } finally {
            usage.start();
        }
        InFramework.await("usage's job back", () -> {
            try {
                return jobs(context).contains("usage.weekly-reminder");
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Bundle.ACTIVE, usage.getState());
    }
}
