package org.gigaplan.platform.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The platform's background threads: named, so a thread dump says whose they are, and daemons, so none holds up a stop. */
public final class Daemons {

    private static final Logger LOG = LoggerFactory.getLogger(Daemons.class);

    private Daemons() {
    }

    /**
     * Stops an executor without interrupting its thread: a thread interrupted in the middle of Derby's file I/O closes
     * the file channel Derby shares between threads, and the engine's shutdown checkpoint then fails and retries
     * (a stop took minutes and left the database to recover at the next start). Work already running may finish
     * within {@code grace}; what is still running then is left to its daemon thread, which ends with the JVM.
     */
    public static void stop(ExecutorService executor, String name, Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} still running {} s after the stop began: left to end with the JVM", name,
                        grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A one-thread scheduler of the platform's whose delayed and periodic work is dropped when it is shut down, so
     * nothing starts after {@link #stop}; what runs then may finish.
     */
    public static ScheduledExecutorService scheduled(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, named(name));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return executor;
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
