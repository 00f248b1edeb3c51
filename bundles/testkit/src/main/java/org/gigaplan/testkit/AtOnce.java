package org.gigaplan.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks on threads of their own, released at the same moment, as concurrent requests arrive. */
public final class AtOnce {

    private AtOnce() {
    }

    /** The tasks' results in order; a task's failure is thrown (wrapped in an ExecutionException). */
    public static <T> List<T> run(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier together = new CyclicBarrier(tasks.size());
            List<Future<T>> started = new ArrayList<>();
            for (Callable<T> task : tasks) {
                started.add(threads.submit(() -> {
                    together.await();
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : started) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
