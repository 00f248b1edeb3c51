import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load benchmark's client (run by load.sh against a started distribution in demo mode): clients in four kinds
 * for a fixed time, then figures per endpoint and the goals' ratios. The anonymous clients loop on their requests as
 * fast as they are answered (they hammer the public reads); the writers (schools' check-ins, agents' results) and the
 * board's clients send at a fixed pace each, and a paced request's time counts from when it was due, so a server that
 * falls behind shows it in the figures (a pace of 0 makes them loop as fast as answered too). A benchmark, not a
 * test: it prints figures and asserts nothing.
 *
 * <pre>java Load.java PORT SECONDS ANONYMOUS SCHOOLS AGENTS BOARD [WRITES_PER_SECOND_PER_WRITER [VIEWS_PER_SECOND_PER_BOARD_CLIENT]]</pre>
 */
public class Load {

    /** Latencies and failures of one endpoint. */
    static final class Figures {
        final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

        void add(long nanos, int status) {
            this.nanos.add(nanos);
            if (status < 200 || status > 299) {
                failures.computeIfAbsent(Integer.toString(status), k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    static final Map<String, Figures> FIGURES = new ConcurrentHashMap<>();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static volatile boolean running = true;
    /** Whether requests are counted: not in the first WARM_UP_SECONDS, while the server compiles its hot paths. */
    static volatile boolean counting;
    static final int WARM_UP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int anonymous = Integer.parseInt(args[2]);
        int schools = Integer.parseInt(args[3]);
        int agents = Integer.parseInt(args[4]);
        int board = Integer.parseInt(args[5]);
        double pace = args.length > 6 ? Double.parseDouble(args[6]) : 2;
        long intervalNanos = pace <= 0 ? 0 : (long) (1e9 / pace);
        double viewPace = args.length > 7 ? Double.parseDouble(args[7]) : 1;
        long viewIntervalNanos = viewPace <= 0 ? 0 : (long) (1e9 / viewPace);
        base = "http://127.0.0.1:" + port + "/api/";
        String boardLogin = basic("demo-board", "demo");
        // The sample schools' writers: check-ins posted for each school in turn (as the board may), and one
        // speed-test agent's key per school, made here as the board makes them.
        List<String> schoolIds = List.of("S-E01", "S-E02", "S-E03", "S-E04", "S-E05", "S-J01", "S-J02", "S-J03",
                "S-S01", "S-H01", "S-N01");
        List<String> agentKeys = new ArrayList<>();
        for (String id : schoolIds) {
            HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api-keys"))
                    .header("Content-Type", "application/json").header("Authorization", boardLogin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schoolId\":\"" + id + "\",\"label\":\"load benchmark\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"key\":\"([^\"]+)\"").matcher(made.body());
            if (made.statusCode() != 201 || !key.find()) {
                throw new IllegalStateException("could not make an API key for " + id + ": " + made.statusCode() + " "
                        + made.body());
            }
            agentKeys.add("Bearer " + key.group(1));
        }
        // Each writer checks in for a class of its own, added to its school's class list (records name listed classes).
        for (int s = 0; s < schoolIds.size(); s++) {
            String id = schoolIds.get(s);
            String path = base + "usage/schools/" + id + "/classes";
            HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(URI.create(path))
                    .header("Authorization", boardLogin).GET().build(), HttpResponse.BodyHandlers.ofString());
            StringBuilder list = new StringBuilder("[");
            java.util.regex.Matcher c = java.util.regex.Pattern
                    .compile("\"grade\":(\\d+),\"name\":\"([^\"]*)\"").matcher(listed.body());
            while (c.find()) {
                list.append(list.length() > 1 ? "," : "").append("{\"grade\":").append(c.group(1))
                        .append(",\"className\":\"").append(c.group(2)).append("\"}");
            }
            for (int n = s; n < schools; n += schoolIds.size()) {
                list.append(list.length() > 1 ? "," : "").append("{\"grade\":").append(1 + n % 3)
                        .append(",\"className\":\"load").append(n).append("\"}");
            }
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(path))
                    .header("Content-Type", "application/json").header("Authorization", boardLogin)
                    .PUT(HttpRequest.BodyPublishers.ofString(list.append("]").toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (listed.statusCode() != 200 || put.statusCode() != 200) {
                throw new IllegalStateException("could not list the writers' classes at " + id + ": "
                        + listed.statusCode() + " " + put.statusCode() + " " + put.body());
            }
        }
        // This fiscal year's weeks that have ended, for check-ins.
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        int fy = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
        LocalDate firstMonday = LocalDate.of(fy, 4, 1).with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
        int weeks = (int) Math.max(1, ChronoUnit.WEEKS.between(firstMonday, today) - 1);

        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < anonymous; i++) {
            int n = i;
            threads.add(client(k -> {
                switch ((k + n) % 3) {
                    case 0 -> get("GET progress (city, anonymous)", "progress?fiscalYear=2025", null);
                    // A school's progress is for its staff and the board: the public asking with a school gets the
                    // city's roll-up (the parameter is ignored, as it always was here). Kept so runs compare.
                    case 1 -> get("GET progress (city, a school asked, anonymous)",
                            "progress?fiscalYear=2025&schoolId=S-E01", null);
                    default -> get("GET plan (anonymous)", "plan", null);
                }
            }));
        }
        for (int i = 0; i < schools; i++) {
            int n = i;
            threads.add(paced(intervalNanos, i, schools + agents, k -> {
                // Each client its own class, a week after another: a teacher's weekly check-in, five scenes.
                LocalDate week = firstMonday.plusWeeks(k % weeks);
                StringBuilder scenes = new StringBuilder();
                for (int scene = 1; scene <= 5; scene++) {
                    scenes.append(scene == 1 ? "" : ",").append("{\"scene\":").append(scene).append(",\"count\":")
                            .append((k + scene + n) % 6).append('}');
                }
                String school = schoolIds.get(n % schoolIds.size());
                post("POST usage/check-ins (one class-week)", "usage/check-ins", boardLogin,
                        "[{\"schoolId\":\"" + school + "\",\"grade\":" + (1 + n % 3) + ",\"className\":\"load" + n
                                + "\",\"week\":\"" + week + "\",\"scenes\":[" + scenes + "]}]");
            }));
        }
        AtomicLong measurementClock = new AtomicLong(System.currentTimeMillis() / 1000 - 30L * 24 * 3600);
        for (int i = 0; i < agents; i++) {
            String agentKey = agentKeys.get(i % agentKeys.size());
            threads.add(paced(intervalNanos, schools + i, schools + agents, k -> {
                // One speed-test result a request, as an agent posts it: a single-record write.
                OffsetDateTime at = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(
                        measurementClock.incrementAndGet()), ZoneOffset.ofHours(9));
                post("POST environment/measurements (one record, agent)", "environment/measurements", agentKey,
                        "[{\"measuredAt\":\"" + at + "\",\"downloadMbps\":" + (200 + k % 300)
                                + ",\"point\":\"CENTRE_LINK\",\"classHours\":true}]");
            }));
        }
        for (int i = 0; i < board; i++) {
            int n = i;
            threads.add(paced(viewIntervalNanos, i, board, k -> {
                switch ((k + n) % 5) {
                    case 0 -> get("GET usage/attainment?by=grade&term=1 (board)", "usage/attainment?by=grade&term=1",
                            boardLogin);
                    case 1 -> get("GET usage/attainment/trend (board)", "usage/attainment/trend", boardLogin);
                    case 2 -> get("GET usage/not-reporting (board)", "usage/not-reporting", boardLogin);
                    case 3 -> get("GET environment/network/status (board)", "environment/network/status", boardLogin);
                    default -> get("GET progress (board)", "progress?fiscalYear=2025", boardLogin);
                }
            }));
        }
        long started = System.nanoTime();
        START.set(started);
        threads.forEach(Thread::start);
        Thread.sleep(WARM_UP_SECONDS * 1000L);
        double[] collectionsBefore = serverCollections();
        counting = true;
        long counted = System.nanoTime();
        long serverCpuBefore = serverCpuNanos();
        long databaseCpuBefore = databaseCpuNanos();
        long clientCpuBefore = clientCpuNanos();
        Thread.sleep(seconds * 1000L);
        long serverCpu = serverCpuNanos() - serverCpuBefore;
        long databaseCpu = databaseCpuNanos() - databaseCpuBefore;
        long clientCpu = clientCpuNanos() - clientCpuBefore;
        double[] collectionsAfter = serverCollections();
        running = false;
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - counted) / 1e9;
        if (serverCpuBefore >= 0) {
            System.out.printf(Locale.ROOT, "%nCPU in the counted window (%d cores): the server %.1f s (%.2f cores), these "
                    + "clients %.1f s (%.2f cores)%n", Runtime.getRuntime().availableProcessors(), serverCpu / 1e9,
                    serverCpu / 1e9 / seconds, clientCpu / 1e9, clientCpu / 1e9 / seconds);
            // The same mix of requests costs the same work: its CPU time a request says how fast the machine ran this
            // hour (about 1 ms on a quiet one, 3-6 ms on slow hours, when the latencies grow with it).
            long answered = FIGURES.values().stream().mapToLong(f -> f.nanos.size()).sum();
            System.out.printf(Locale.ROOT, "the server's CPU a request, this mix: %.2f ms%n",
                    answered == 0 ? 0 : serverCpu / 1e6 / answered);
        }
        if (collectionsBefore != null && collectionsAfter != null) {
            double young = collectionsAfter[0] - collectionsBefore[0];
            double youngSeconds = collectionsAfter[1] - collectionsBefore[1];
            double full = collectionsAfter[2] - collectionsBefore[2];
            double fullSeconds = collectionsAfter[3] - collectionsBefore[3];
            System.out.printf(Locale.ROOT, "the server's garbage collections (the counted window, give or take the "
                    + "second jstat takes): %.0f young (%.0f ms, %.1f ms each), %.0f full (%.0f ms): the server "
                    + "stopped %.1f %% of the time; a request that meets a collection waits for it%n", young,
                    youngSeconds * 1000, young == 0 ? 0 : youngSeconds * 1000 / young, full, fullSeconds * 1000,
                    (youngSeconds + fullSeconds) * 100 / seconds);
        }
        if (databaseCpuBefore >= 0) {
            System.out.printf(Locale.ROOT, "the database server beside them %.1f s (%.2f cores)%n", databaseCpu / 1e9,
                    databaseCpu / 1e9 / seconds);
        }
        System.out.printf(Locale.ROOT, "%nthe first %d s (the server compiling its hot paths) are not counted%n",
                WARM_UP_SECONDS);
        System.out.printf(Locale.ROOT, "%nwriters: %s%n", intervalNanos == 0 ? "each as fast as answered"
                : String.format(Locale.ROOT, "%.1f writes/s each, %.0f/s in all, timed from when each was due",
                        pace, pace * (schools + agents)));
        System.out.printf(Locale.ROOT, "board: %s%n", viewIntervalNanos == 0 ? "each as fast as answered"
                : String.format(Locale.ROOT, "%.1f views/s each, %.0f/s in all, timed from when each was due",
                        viewPace, viewPace * board));
        report(elapsed, threads.size(), anonymous);
    }

    static final AtomicLong START = new AtomicLong();
    /** When the current thread's paced request was due (0: not paced, timed from its sending). */
    static final ThreadLocal<Long> DUE = ThreadLocal.withInitial(() -> 0L);

    /**
     * A writer sending its k-th request at START + offset + k × interval, spread evenly with the other writers; one
     * that falls behind sends the next at once. With interval 0, a client looping as fast as answered.
     */
    static Thread paced(long intervalNanos, int index, int writers, Step step) {
        if (intervalNanos == 0) {
            return client(step);
        }
        return new Thread(() -> {
            long offset = intervalNanos * index / Math.max(1, writers);
            for (int k = 0; running; k++) {
                long due = START.get() + offset + k * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                if (!running) {
                    return;
                }
                DUE.set(due);
                try {
                    step.run(k);
                } catch (Exception e) {
                    FIGURES.computeIfAbsent("(client errors)", x -> new Figures()).add(0, -1);
                }
            }
        });
    }

    interface Step {
        void run(int k) throws Exception;
    }

    static Thread client(Step step) {
        return new Thread(() -> {
            for (int k = 0; running; k++) {
                try {
                    step.run(k);
                } catch (Exception e) {
                    FIGURES.computeIfAbsent("(client errors)", x -> new Figures()).add(0, -1);
                }
            }
        });
    }

    static void get(String name, String path, String auth) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        send(name, auth == null ? r : r.header("Authorization", auth));
    }

    static void post(String name, String path, String auth, String json) throws Exception {
        send(name, HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    static void send(String name, HttpRequest.Builder request) throws Exception {
        long t = DUE.get() != 0 ? DUE.get() : System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t;
        if (running && counting) {
            FIGURES.computeIfAbsent(name, k -> new Figures()).add(took, response.statusCode());
        }
        if ((response.statusCode() < 200 || response.statusCode() > 299) && FIRST_FAILURES.add(name)) {
            System.out.println("first failure of " + name + ": " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }

    static final java.util.Set<String> FIRST_FAILURES = ConcurrentHashMap.newKeySet();

    /**
     * The server's CPU time so far (user and system, from /proc; its process id in {@code -Dload.serverPid}), or -1
     * when not given or not readable: so a run shows how much of the machine the server had and how much these
     * clients took beside it.
     */
    static long serverCpuNanos() {
        return cpuNanos(System.getProperty("load.serverPid", ""), false);
    }

    /**
     * The server JVM's collections so far, by the JDK's jstat: young collections and their seconds, full collections
     * and their seconds; null when it cannot say (no server process id, no jstat).
     */
    static double[] serverCollections() {
        String pid = System.getProperty("load.serverPid", "");
        java.nio.file.Path jstat = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (pid.isEmpty() || !java.nio.file.Files.isExecutable(jstat)) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(jstat.toString(), "-gc", pid).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || lines.size() < 2) {
                return null;
            }
            List<String> names = List.of(lines.get(0).trim().split("\\s+"));
            String[] values = lines.get(1).trim().split("\\s+");
            double[] out = new double[4];
            String[] wanted = { "YGC", "YGCT", "FGC", "FGCT" };
            for (int i = 0; i < wanted.length; i++) {
                out[i] = Double.parseDouble(values[names.indexOf(wanted[i])]);
            }
            return out;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The database server's CPU time so far, when it runs apart ({@code -Dload.databasePid}: PostgreSQL's first
     * process): its own, its children's now and theirs that have ended (each connection is a child); -1 when none.
     */
    static long databaseCpuNanos() {
        String pid = System.getProperty("load.databasePid", "");
        if (pid.isEmpty()) {
            return -1;
        }
        long total = cpuNanos(pid, true);
        for (long child : ProcessHandle.of(Long.parseLong(pid)).map(p -> p.children().mapToLong(ProcessHandle::pid)
                .toArray()).orElse(new long[0])) {
            total += Math.max(0, cpuNanos(Long.toString(child), false));
        }
        return total;
    }

    /** A process's CPU time (user and system; with the children it has waited for, when asked); -1 if unreadable. */
    static long cpuNanos(String pid, boolean endedChildren) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            // Fields after the command (in parentheses): utime and stime are the 12th and 13th, in clock ticks, the
            // waited-for children's cutime and cstime the 14th and 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + (endedChildren ? Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0);
            return ticks * 1_000_000_000L / Long.getLong("load.clockTicks", 100);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This client process's CPU time so far. */
    static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void report(double seconds, int clients, int anonymous) {
        System.out.printf(Locale.ROOT, "%n%d clients (%d anonymous) for %.0f s%n", clients, anonymous, seconds);
        System.out.printf(Locale.ROOT, "%-52s %8s %8s %8s %8s %8s  %s%n", "endpoint", "req/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "failures");
        long total = 0;
        long failed = 0;
        Map<String, Double> p99s = new TreeMap<>();
        for (Map.Entry<String, Figures> e : new TreeMap<>(FIGURES).entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue().nanos);
            Collections.sort(sorted);
            long fails = e.getValue().failures.values().stream().mapToLong(AtomicLong::get).sum();
            total += sorted.size();
            failed += fails;
            double p99 = at(sorted, 0.99);
            p99s.put(e.getKey(), p99);
            System.out.printf(Locale.ROOT, "%-52s %8.1f %8.1f %8.1f %8.1f %8.1f  %s%n", e.getKey(), sorted.size() / seconds,
                    at(sorted, 0.50), at(sorted, 0.95), p99, sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6,
                    fails == 0 ? "0" : fails + " " + e.getValue().failures);
        }
        System.out.printf(Locale.ROOT, "all: %,d requests, %.0f requests/s, %d failed (goal 0)%n", total, total / seconds,
                failed);
        goal(p99s, "POST usage/check-ins", 100);
        goal(p99s, "POST environment/measurements", 20);
    }

    static void goal(Map<String, Double> p99s, String prefix, double limit) {
        p99s.forEach((name, p) -> {
            if (name.startsWith(prefix)) {
                System.out.printf(Locale.ROOT, "%s: p99 %.1f ms, goal ≤ %.0f ms → %.2f of the limit%n", name, p, limit,
                        p / limit);
            }
        });
    }

    static double at(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
