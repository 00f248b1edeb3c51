package org.gigaplan.tests.e2e;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.gigaplan.tests.e2e.Distribution.Response;

/**
 * Check-in batches sent without pause by writer threads while a test kills a node: each batch is one class of its own
 * ({@code prefix} and the batch's number) over some weeks × 5 scenes, whose counts follow from the number, so what was
 * stored can be checked against what was sent from the usage export alone: every acknowledged batch whole, none half
 * stored, every figure as sent.
 */
final class CheckInBatches {

    /** Sends one batch's JSON body; a refused connection or a cut answer throws. */
    @FunctionalInterface
    interface Sender {
        Response post(String body) throws IOException, InterruptedException;
    }

    /** What was stored, batch by batch, and what is wrong with it. */
    record Outcome(Map<Integer, Integer> stored, List<String> lost, List<String> half, List<String> wrong) {
    }

    private static final int SCENES = 5;

    private final String schoolId;
    private final int grade;
    private final String prefix;
    private final LocalDate firstWeek;
    private final int weeks;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Integer> sent = ConcurrentHashMap.newKeySet();
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> writers = new ArrayList<>();

    CheckInBatches(String schoolId, int grade, String prefix, LocalDate firstWeek, int weeks) {
        this.schoolId = schoolId;
        this.grade = grade;
        this.prefix = prefix;
        this.firstWeek = firstWeek;
        this.weeks = weeks;
    }

    /**
     * Starts {@code count} writers: a 200 is acknowledged, a 5xx or a connection cut failed, anything else refused; a
     * connection nobody took sent nothing and is tried again.
     */
    CheckInBatches start(int count, Sender sender) {
        for (int i = 1; i <= count; i++) {
            Thread writer = new Thread(() -> write(sender), prefix + "-writer-" + i);
            writers.add(writer);
            writer.start();
        }
        return this;
    }

    private void write(Sender sender) {
        while (!stop.get()) {
            int n = next.getAndIncrement();
            sent.add(n);
            try {
                Response r = sender.post(body(n));
                if (r.status() == 200) {
                    acknowledged.add(n);
                } else if (r.status() >= 500) {
                    failed.incrementAndGet(); // the node that took it was going down: not acknowledged
                } else {
                    refused.add(n + ": " + r);
                }
            } catch (java.net.ConnectException e) {
                sent.remove(n); // no node took the connection: nothing was sent; try again in a moment
                pause();
            } catch (IOException e) {
                failed.incrementAndGet(); // cut while a node had it: stored whole or not at all
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String body(int n) {
        StringBuilder body = new StringBuilder("[");
        for (int w = 0; w < weeks; w++) {
            body.append(w == 0 ? "" : ",").append("{\"schoolId\":\"").append(schoolId).append("\",\"grade\":")
                    .append(grade).append(",\"className\":\"").append(prefix).append(n).append("\",\"week\":\"")
                    .append(firstWeek.plusWeeks(w)).append("\",\"scenes\":[");
            for (int scene = 1; scene <= SCENES; scene++) {
                body.append(scene == 1 ? "" : ",").append("{\"scene\":").append(scene).append(",\"count\":")
                        .append(count(n, scene)).append("}");
            }
            body.append("]}");
        }
        return body.append("]").toString();
    }

    private static int count(int batch, int scene) {
        return (batch + scene) % 30;
    }

    /** Waits until at least {@code n} batches were acknowledged. */
    void awaitAcknowledged(int n, Duration timeout) throws InterruptedException {
        Distribution.await(n + " acknowledged batches", timeout, () -> {
            if (acknowledged.size() < n) {
                throw new AssertionError(acknowledged.size() + " acknowledged, refused " + refused);
            }
        });
    }

    int acknowledged() {
        return acknowledged.size();
    }

    /** Stops the writers and waits for them. */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : writers) {
            t.join(60_000);
        }
    }

    /** Batches answered with neither 200 nor a 5xx: none should be. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /**
     * Checks a school's check-in export ({@code GET /api/usage/check-ins/export}) against what was sent: rows of
     * other classes are passed over.
     */
    Outcome check(String exportCsv) {
        Map<Integer, Integer> stored = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (String line : exportCsv.lines().skip(1).toList()) {
            String[] cells = line.split(",", -1);
            if (!cells[2].matches(java.util.regex.Pattern.quote(prefix) + "\\d+")) {
                continue;
            }
            int n = Integer.parseInt(cells[2].substring(prefix.length()));
            stored.merge(n, 1, Integer::sum);
            int scene = Integer.parseInt(cells[4]);
            if (Integer.parseInt(cells[5]) != count(n, scene)) {
                wrong.add(line);
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> half = new ArrayList<>();
        int full = weeks * SCENES;
        for (int n : sent) {
            int rows = stored.getOrDefault(n, 0);
            if (acknowledged.contains(n) && rows != full) {
                lost.add(prefix + n + ": " + rows + " of " + full);
            } else if (rows != 0 && rows != full) {
                half.add(prefix + n + ": " + rows + " of " + full);
            }
        }
        return new Outcome(stored, lost, half, wrong);
    }

    /** One line for the test's output: sent, acknowledged, failed. */
    String summary() {
        return sent.size() + " batches sent, " + acknowledged.size() + " acknowledged, " + failed.get() + " failed";
    }
}
