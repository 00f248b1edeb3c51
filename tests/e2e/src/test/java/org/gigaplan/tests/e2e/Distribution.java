package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The built GIGA Plan Karaf distribution, unpacked fresh and run as a separate process for end-to-end tests.
 *
 * <p>Everything listens on 127.0.0.1 only, on free ports picked at unpack time (never the defaults 8181, 8101,
 * 1099, 44444, which another installation on the machine may use). A test user is added to
 * {@code etc/users.properties} so the console can be driven through {@code bin/client}. {@link #close()} stops
 * the process with {@code bin/stop} and kills whatever is left of its process tree, so nothing outlives the test
 * run; a JVM shutdown hook does the same if the test JVM is ended early.
 */
public final class Distribution implements AutoCloseable {

    /** An HTTP answer. */
    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        /** A response header's first value, or null. */
        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + ", " + contentType + "): " + body, e);
            }
        }

        public boolean isJson() {
            return contentType != null && (contentType.startsWith("application/json")
                    || contentType.startsWith("application/problem+json"));
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The day the distribution runs as (etc/org.gigaplan.clock.cfg). */
    static final java.time.LocalDate TODAY = java.time.LocalDate.of(2026, 11, 30);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration READY_POLL = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(120);
    /** An endpoint of each policy module the distribution boots with: ready means these answer too. */
    private static final List<String> BOOT_MODULE_ENDPOINTS = List.of("/api/usage/scenes", "/api/training/checklist",
            "/api/environment/network/recommended-bandwidth", "/api/outreach/site/posts", "/dashboard/index.html");
    private static final Set<Integer> RESERVED_PORTS = Set.of(8181, 8101, 1099, 44444);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern LOG_ENTRY = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT");
    /** The console user, also the board user of the HTTP helpers. */
    private static final String USER = "tester";
    /**
     * Further /api users and their JAAS roles: staff of two sample schools, teacher A01 of the first, a learner of
     * the first (logging in with their e-mail address, as the drills name them), and users without any GIGA Plan
     * role ({@code guessed} is the one a test locks out with wrong passwords).
     */
    static final Map<String, String> API_USERS = Map.of(
            "school-a", "school@S-E01",
            "school-b", "school@S-E02",
            "teacher-a", "teacher@S-E01/A01",
            Distribution.LEARNER, "learner@S-E01",
            "no-role", "viewer",
            "guessed", "viewer");
    /** The learner of school S-E01. */
    static final String LEARNER = "learner-a@e01.example";
    /** The user name {@link #getAs} sends with a wrong password. */
    static final String WRONG_PASSWORD = "wrong-password";

    private final Path home;
    /** One endpoint of each installed boot module: a start is ready when each answers (see {@link #uninstalled}). */
    private final List<String> moduleEndpoints = new ArrayList<>(BOOT_MODULE_ENDPOINTS);
    /** The folder of this run: the unpacked distribution, the logs of its processes, files tests write. */
    private final Path workDir;
    private final int httpPort;
    private final int sshPort;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger consoleCalls = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::killTree, "e2e-karaf-killer");

    private Process process;
    /** Whether starts set {@code GIGAPLAN_DEMO=true}. */
    private boolean demo = true;
    private int starts;

    private Distribution(Path home, Path workDir, int[] ports, String password) {
        this.home = home;
        this.workDir = workDir;
        this.httpPort = ports[0];
        this.sshPort = ports[1];
        this.password = password;
    }

    /**
     * Unpacks a fresh copy of the distribution archive into a new {@code run-*} folder of {@code workDir}
     * (removing earlier ones), with an empty {@code data/}, free loopback ports and a test user.
     */
    public static Distribution unpack(Path archive, Path workDir) throws IOException, InterruptedException {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        return unpack(archive, workDir, HexFormat.of().formatHex(secret));
    }

    /**
     * Another node of the same installation: unpacked as {@link #unpack} does, into a folder of its own, with the
     * users and passwords of {@code first}.
     */
    public static Distribution unpackBeside(Path archive, Path workDir, Distribution first)
            throws IOException, InterruptedException {
        return unpack(archive, workDir, first.password);
    }

    private static Distribution unpack(Path archive, Path workDir, String password)
            throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(archive), "distribution archive missing: " + archive);
        Files.createDirectories(workDir);
        try (Stream<Path> old = Files.list(workDir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                deleteTree(p);
            }
        }
        Path target = Files.createDirectory(workDir.resolve("run-" + System.currentTimeMillis()));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", target.toString())
                .redirectErrorStream(true).redirectOutput(target.resolve("untar.log").toFile()).start();
        if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            tar.destroyForcibly();
            fail("could not unpack " + archive + ": " + Files.readString(target.resolve("untar.log")));
        }
        Path home;
        try (Stream<Path> top = Files.list(target)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow(() -> new AssertionError("empty archive"));
        }
        assertTrue(Files.isExecutable(home.resolve("bin/karaf")), "no executable bin/karaf in " + home);
        // A distribution archive holds no runtime state: its Derby database and its framework cache are the build's,
        // closed (no lock file), and the cache holds no configuration (etc/ is read at the first start). One that
        // does was packed while an instance ran from the assembly folder, or is another checkout's SNAPSHOT from the
        // shared local repository (run from the root).
        assertTrue(Files.isDirectory(home.resolve("data/cache")), archive + " ships no pre-resolved framework cache");
        List<String> state = new ArrayList<>();
        for (String p : List.of("instances", "lock", "karaf.pid", "data/cache/cache.lock", "data/derby/gigaplan/db.lck",
                "data/log", "data/port")) {
            if (Files.exists(home.resolve(p))) {
                state.add(p);
            }
        }
        try (Stream<Path> cache = Files.walk(home.resolve("data/cache"), 3)) {
            cache.filter(p -> p.endsWith("data/config")).forEach(p -> state.add(home.relativize(p).toString()));
        }
        assertTrue(state.isEmpty(), () -> archive + " is not a fresh distribution: it holds " + state);

        Distribution d = new Distribution(home, target, freePorts(2), password);
        d.configure();
        if ("postgres".equals(System.getProperty("gigaplan.e2e.database"))) {
            // The suite's PostgreSQL run: each distribution on an empty database of its own on the test kit's server.
            org.gigaplan.testkit.TestDatabase.PostgresDatabase db = org.gigaplan.testkit.TestDatabase
                    .newPostgresDatabase("e2e_" + workDir.getFileName().toString().replaceAll("[^a-z0-9]", "_"));
            d.usePostgres(db.url(), db.user(), db.password());
        }
        return d;
    }

    /**
     * Runs the platform on a PostgreSQL database instead of embedded Derby, as the README's PostgreSQL section says
     * (the datasource's driver, URL, user and password). Call before {@link #start()}.
     */
    public void usePostgres(String url, String user, String password) throws IOException {
        setProperties(home.resolve("etc/org.ops4j.datasource-gigaplan.cfg"), Map.of(
                "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver", "url", url, "user", user, "password", password));
    }

    /** Whether starts set {@code GIGAPLAN_DEMO=true} (they do unless told otherwise). Call before {@link #start()}. */
    public void demo(boolean on) {
        demo = on;
    }

    /**
     * The same installation's users and passwords, calls sent to another port of the loopback interface (a load
     * balancer in front of the nodes). It starts and stops nothing.
     */
    public Distribution via(int port) {
        return new Distribution(home, workDir, new int[] { port, sshPort }, password);
    }

    public int httpPort() {
        return httpPort;
    }

    private void configure() throws IOException {
        Path etc = home.resolve("etc");
        // Every run on the same day of the school year, whenever CI runs: FY2026 (令和8年度), whose action plan the
        // shipped plan does not have yet, with FY2025's before it.
        setProperties(etc.resolve("org.gigaplan.clock.cfg"), Map.of("today", TODAY.toString()));
        // The clock keeps the real time of day: a scheduled job (the findings follow-up daily 08:30 in Tokyo, the
        // weekly reminder Monday 08:00, the pinned day being a Monday) would run by itself when a run falls at that
        // hour, and tell before a test gives the address to mail. The tests run them on demand; on their own they
        // run on the first of the month, which the pinned day never reaches.
        setProperties(etc.resolve("org.gigaplan.environment.cfg"), Map.of("followUpSchedule", "monthly 1 03:00"));
        setProperties(etc.resolve("org.gigaplan.usage.cfg"), Map.of("reminderSchedule", "monthly 1 03:00"));
        setProperties(etc.resolve("org.gigaplan.training.cfg"), Map.of("reminderSchedule", "monthly 1 03:00"));
        setProperties(etc.resolve("org.gigaplan.outreach.cfg"), Map.of("complianceSchedule", "monthly 1 03:00"));
        // The suite calls without logging in from one address far faster than any page: the per-address limit on
        // anonymous calls is checked in the in-framework tests, at its defaults.
        setProperties(etc.resolve("org.gigaplan.platform.api.cfg"), Map.of("anonymousPerMinute", "60000",
                "anonymousBurst", "10000"));
        setProperties(etc.resolve("org.ops4j.pax.web.cfg"), Map.of(
                "org.ops4j.pax.web.listening.addresses", "127.0.0.1",
                "org.osgi.service.http.port", Integer.toString(httpPort)));
        setProperties(etc.resolve("org.apache.karaf.shell.cfg"), Map.of(
                "sshHost", "127.0.0.1",
                "sshPort", Integer.toString(sshPort)));
        // Written as digests, as jaas:user-add would: a clear password is rewritten by Karaf on its first login,
        // and two first logins at once may clobber each other's rewrite.
        StringBuilder users = new StringBuilder("\n# Added by the end-to-end tests\n")
                .append(USER).append(" = ").append(digest(password)).append(", board, _g_:admingroup\n");
        for (Map.Entry<String, String> user : API_USERS.entrySet()) {
            users.append(user.getKey()).append(" = ").append(digest(password(user.getKey()))).append(", ")
                    .append(user.getValue()).append('\n');
        }
        Files.writeString(etc.resolve("users.properties"), users, StandardCharsets.ISO_8859_1,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * A password as Karaf's JAAS realm stores it (etc/org.apache.karaf.jaas.cfg: bcrypt through Spring Security
     * Crypto, hexadecimal). Cost 4, the least bcrypt has, to keep the tests quick: the realm checks any cost.
     */
    static String digest(String password) {
        String bcrypt = org.springframework.security.crypto.bcrypt.BCrypt.hashpw(password,
                org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4));
        return "{CRYPT}" + HexFormat.of().formatHex(bcrypt.getBytes(StandardCharsets.US_ASCII)) + "{CRYPT}";
    }

    /** Replaces {@code key = value} lines of a Karaf .cfg file, appending the keys it does not have. */
    static void setProperties(Path cfg, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> e : values.entrySet()) {
            Pattern key = Pattern.compile("^\\s*" + Pattern.quote(e.getKey()) + "\\s*[=:].*$");
            String line = e.getKey() + " = " + e.getValue();
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                if (key.matcher(lines.get(i)).matches()) {
                    lines.set(i, line);
                    found = true;
                }
            }
            if (!found) {
                lines.add(line);
            }
        }
        Files.write(cfg, lines, StandardCharsets.ISO_8859_1);
    }

    /** Distinct free ports on the loopback interface, none of the defaults other installations use. */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int n = 0;
            while (n < count) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                if (!RESERVED_PORTS.contains(s.getLocalPort())) {
                    ports[n++] = s.getLocalPort();
                }
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /**
     * Starts {@code bin/karaf server} and waits up to 180 s until {@code GET /api/} answers 200 with the platform's
     * JSON index and every resource the index links to answers 200; returns the time that took.
     */
    public Duration start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        Path log = workDir.resolve("karaf-server-" + starts + ".log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb);
        if (demo) {
            pb.environment().put("GIGAPLAN_DEMO", "true");
        }
        pb.environment().put("GIGAPLAN_ADMIN_PASSWORD", adminPassword());
        long logOffset = Files.exists(karafLog()) ? Files.size(karafLog()) : 0;
        long t0 = System.nanoTime();
        process = pb.start();
        process.getOutputStream().close();
        if (starts == 1) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        Response last = null;
        Exception lastError = null;
        Duration indexReady = null;
        int passes = 0;
        boolean healthChecked = false;
        List<String> waitingFor = List.of("/api/");
        List<String> stillMissing = waitingFor;
        long deadline = t0 + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("bin/karaf server exited with " + process.exitValue() + " before /api/ answered\n"
                        + tail(log, 40) + diagnostics(logOffset));
            }
            try {
                if (!healthChecked) {
                    // Readiness: the moment /api/health first says 200, every endpoint answers, at once.
                    Response health = get("/api/health");
                    if (health.status() == 200 && health.isJson()) {
                        healthChecked = true;
                        List<String> premature = new ArrayList<>();
                        Response index = get("/api/");
                        List<String> all = new ArrayList<>(moduleEndpoints);
                        if (index.isJson()) {
                            index.json().path("links").forEach(l -> all.add(l.asText()));
                        }
                        for (String link : all) {
                            Response r = get(link);
                            if (r.status() != 200 && !noActionPlan(r)) {
                                premature.add(link + " → " + r.status());
                            }
                        }
                        assertTrue(premature.isEmpty() && index.status() == 200, () -> "/api/health said ready ("
                                + health.body() + ") while these did not answer: " + premature + " (index " + index + ")");
                    }
                }
                if (indexReady == null) {
                    // CXF answers 200 with an HTML service list before the platform's index is up: insist on JSON.
                    last = get("/api/");
                    if (last.status() == 200 && last.isJson()) {
                        indexReady = Duration.ofNanos(System.nanoTime() - t0);
                        List<String> links = new ArrayList<>();
                        last.json().path("links").forEach(l -> links.add(l.asText()));
                        assertFalse(links.isEmpty(), "GET /api/ lists no links: " + last);
                        links.addAll(moduleEndpoints);
                        waitingFor = links;
                    }
                }
                if (indexReady != null) {
                    // Whiteboard resources come up one by one: ready when everything the index links to answers.
                    List<String> missing = new ArrayList<>();
                    for (String link : waitingFor) {
                        Response r = get(link);
                        if (r.status() != 200 && !noActionPlan(r)) {
                            missing.add(link);
                            last = r;
                        }
                    }
                    // The whiteboard redeploys /api as each module's resources arrive ("No service was found" for a
                    // moment): ready after two passes in a row with everything answering.
                    boolean stable = missing.isEmpty() && passes++ > 0;
                    if (missing.isEmpty() && !stable) {
                        Thread.sleep(READY_POLL.toMillis());
                        continue;
                    }
                    if (!missing.isEmpty()) {
                        passes = 0;
                        stillMissing = missing;
                    }
                    if (stable) {
                        Duration ready = Duration.ofNanos(System.nanoTime() - t0);
                        System.out.printf("[e2e] GIGA Plan distribution start #%d: GET /api/ 200 after %.1f s, every "
                                + "linked resource 200 after %.1f s (http %d, ssh %d, home %s)%n", starts,
                                indexReady.toMillis() / 1000.0, ready.toMillis() / 1000.0, httpPort, sshPort,
                                home);
                        return ready;
                    }
                }
            } catch (IOException e) {
                lastError = e;
            }
            Thread.sleep(READY_POLL.toMillis());
        }
        fail("start #" + starts + " not ready within " + READY_TIMEOUT.toSeconds() + " s: still waiting for "
                + (indexReady == null ? waitingFor : stillMissing) + " to answer 200; last answer: " + (last != null ? last : lastError)
                + diagnostics(logOffset));
        return null;
    }

    /**
     * The platform's plain 404 for a fiscal year without an action plan (today's, until the board rolls one forward):
     * the resource is up and answering.
     */
    static boolean noActionPlan(Response r) {
        return r.status() == 404 && r.isJson() && r.body().contains("urn:gigaplan:problem:no-action-plan");
    }

    /**
     * Sets the fiscal year demo mode fills (with the year before it), instead of today's: for tests that need the
     * current year and the last free of synthetic records. Call before {@link #start()}.
     */
    public void demoYear(int fiscalYear) throws IOException {
        setProperties(home.resolve("etc/org.gigaplan.platform.demo.cfg"), Map.of("fiscalYear",
                Integer.toString(fiscalYear)));
    }

    /** The first errors Karaf logged since {@code offset} (with their causes), then the log's tail. */
    private String diagnostics(long offset) {
        StringBuilder out = new StringBuilder("\n--- first ERROR lines of data/log/karaf.log since this start ---\n");
        try {
            byte[] bytes = Files.readAllBytes(karafLog());
            String text = new String(bytes, (int) Math.min(offset, bytes.length),
                    bytes.length - (int) Math.min(offset, bytes.length), StandardCharsets.UTF_8);
            boolean inError = false;
            int shown = 0;
            for (String line : text.lines().toList()) {
                if (LOG_ENTRY.matcher(line).lookingAt()) {
                    inError = line.contains("| ERROR |");
                } else if (!line.startsWith("Caused by:")) {
                    continue;
                }
                if (inError && shown++ < 30) {
                    out.append(line.length() > 400 ? line.substring(0, 400) + "…" : line).append('\n');
                }
            }
        } catch (IOException e) {
            out.append("(cannot read ").append(karafLog()).append(": ").append(e).append(")\n");
        }
        return out.append("--- data/log/karaf.log (tail) ---\n").append(tail(karafLog(), 40)).toString();
    }

    /** Stops the running distribution ({@link #close()}) and starts it again on the same files and ports. */
    public Duration restart() throws IOException, InterruptedException {
        stop();
        return start();
    }

    /**
     * Restores a backup {@code gigaplan:backup} made, as the README says: with Karaf stopped, the backup's database
     * folder replaces {@code data/derby/gigaplan}. Call between {@link #stop()} and {@link #start()}.
     */
    public void restoreDerby(Path backup) throws IOException {
        if (process != null) {
            throw new IllegalStateException("stop the distribution before restoring its database");
        }
        Path database = home.resolve("data/derby/gigaplan");
        try (Stream<Path> files = Files.walk(database)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        try (Stream<Path> files = Files.walk(backup)) {
            for (Path f : files.toList()) {
                Files.copy(f, database.resolve(backup.relativize(f).toString()));
            }
        }
    }

    /** {@link #restart()} without {@code GIGAPLAN_DEMO=true}: the installation leaves demo mode. */
    public Duration restartWithoutDemo() throws IOException, InterruptedException {
        demo = false;
        return restart();
    }

    /**
     * Stops Karaf with {@code bin/stop}, waits up to 60 s for the process to end, then kills whatever is left
     * of its process tree.
     */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = tree();
        try {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("karaf-stop.log").toFile());
            environment(pb);
            Process stop = pb.start();
            if (!stop.waitFor(30, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        } catch (IOException e) {
            System.out.println("[e2e] bin/stop failed: " + e);
        }
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            System.out.println("[e2e] Karaf did not stop within " + STOP_TIMEOUT.toSeconds() + " s: killing it");
        }
        tree.addAll(tree());
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                System.out.println("[e2e] killing leftover process " + p.pid() + " " + p.info().command().orElse(""));
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("[e2e] process " + p.pid() + " still alive after kill: " + e);
            }
        }
        process = null;
    }

    /**
     * Kills Karaf's JVM at once, as {@code kill -9} does: nothing is flushed, closed or shut down. {@link #start()}
     * starts it again on the same files.
     */
    public void kill() throws InterruptedException {
        List<ProcessHandle> tree = tree();
        for (ProcessHandle p : tree) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("[e2e] process " + p.pid() + " still alive after kill -9: " + e);
            }
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
            assertNoNestedTransactions();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never registered
            }
        }
    }

    /**
     * The platform logs a transaction opened inside another (Sql.NESTED): with the pooled DataSource, requests doing
     * that can exhaust the pool. Whatever the tests drove through this distribution did none.
     */
    private void assertNoNestedTransactions() {
        try {
            List<String> nested = Files.readAllLines(karafLog(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("transaction inside a transaction")).toList();
            if (!nested.isEmpty()) {
                fail("transactions opened inside transactions (see " + karafLog() + "):\n" + String.join("\n", nested));
            }
        } catch (IOException e) {
            System.out.println("[e2e] cannot read " + karafLog() + ": " + e);
        }
    }

    /** The start script, its descendants and the Karaf JVM named in karaf.pid. */
    private List<ProcessHandle> tree() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        Process p = process;
        if (p != null) {
            all.add(p.toHandle());
            p.descendants().forEach(all::add);
        }
        karafPid().flatMap(ProcessHandle::of).ifPresent(h -> {
            if (h.info().commandLine().orElse("").contains(home.toString())) {
                all.add(h);
            }
        });
        return new ArrayList<>(all);
    }

    /** The files the running server's JVM has mapped (its /proc maps), one line each. */
    public List<String> mappedFiles() throws IOException {
        long pid = karafPid().orElseThrow(() -> new IllegalStateException("no karaf.pid: not running"));
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"));
    }

    private Optional<Long> karafPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Last resort of the shutdown hook: the test JVM is going away, Karaf must not stay behind. */
    private void killTree() {
        List<ProcessHandle> tree = tree();
        // Descendants first, so the start script has no JVM left to restart.
        for (int i = tree.size() - 1; i >= 0; i--) {
            tree.get(i).destroyForcibly();
        }
    }

    private void environment(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.equals("JAVA_OPTS") || k.equals("EXTRA_JAVA_OPTS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
    }

    // ---------------------------------------------------------------- HTTP

    /** GET as the board user. */
    public Response get(String path) throws IOException, InterruptedException {
        return getAs(USER, path);
    }

    /** POST as the board user. */
    public Response post(String path, String contentType, String body) throws IOException, InterruptedException {
        return postAs(USER, path, contentType, body);
    }

    /**
     * GET as a user of {@link #API_USERS}, the board user {@code tester}, {@link #WRONG_PASSWORD} (the board user
     * with a wrong password), {@code name:password}, an API key ({@code gpk_…}, sent as Bearer) or nobody
     * ({@code null}: anonymous).
     */
    public Response getAs(String user, String path) throws IOException, InterruptedException {
        return send(authenticated(HttpRequest.newBuilder(uri(path)).GET(), user));
    }

    public Response postAs(String user, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(authenticated(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), user));
    }

    /**
     * Puts teachers on a school's list as the board, keeping those listed already: records may name only listed
     * teachers, so a school lists them first.
     */
    public void listTeachers(String schoolId, String... codes) throws IOException, InterruptedException {
        java.util.Set<String> all = new java.util.TreeSet<>(java.util.List.of(codes));
        json("/api/schools/" + schoolId + "/teachers").forEach(t -> all.add(t.path("code").asText()));
        StringBuilder body = new StringBuilder("[");
        for (String code : all) {
            body.append(body.length() > 1 ? "," : "").append("{\"code\":\"").append(code).append("\"}");
        }
        Response put = send("PUT", "/api/schools/" + schoolId + "/teachers", body.append("]").toString());
        if (put.status() != 200) {
            throw new IllegalStateException("listing teachers of " + schoolId + ": " + put);
        }
    }

    /** Any method with a JSON body, as the board user. */
    public Response send(String method, String path, String json) throws IOException, InterruptedException {
        return sendAs(USER, method, path, json);
    }

    /** Any method with a JSON body, as any caller {@link #getAs} knows. */
    public Response sendAs(String user, String method, String path, String json)
            throws IOException, InterruptedException {
        return send(authenticated(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), user));
    }

    /** Any method with an extra request header, and a JSON body unless {@code json} is null. */
    public Response sendWithHeader(String user, String method, String path, String json, String header, String value)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header(header, value).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(authenticated(request, user));
    }

    /** DELETE as the board user. */
    public Response delete(String path) throws IOException, InterruptedException {
        return send(authenticated(HttpRequest.newBuilder(uri(path)).DELETE(), USER));
    }

    /** POST of raw bytes as the board user, sent with a Content-Length or, when {@code chunked}, without one. */
    public Response postBytes(String path, String contentType, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(authenticated(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(publisher), USER));
    }

    /** Any method with raw bytes of any content type, as the board user. */
    public Response sendBytes(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return send(authenticated(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), USER));
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder request, String user) {
        if (user == null) {
            return request;
        }
        if (user.startsWith("gpk_")) {
            return request.header("Authorization", "Bearer " + user);
        }
        String credentials = WRONG_PASSWORD.equals(user) ? USER + ":not-" + password
                : user.contains(":") ? user : user + ":" + password(user);
        return request.header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * GET as a user of {@link #API_USERS} from another source address on the loopback network (such as
     * {@code 127.0.0.2}), over a plain socket, as a second machine would call: the status code.
     */
    public int statusFrom(String sourceAddress, String user, String path) throws IOException {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8));
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), httpPort,
                InetAddress.getByName(sourceAddress), 0)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + httpPort
                    + "\r\nAuthorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** Each user's password: derived from the run's random secret, so none is the same across runs. */
    String password(String user) {
        return USER.equals(user) ? password : user + "-" + password;
    }

    /** The password the first start gives user {@code admin}, through {@code GIGAPLAN_ADMIN_PASSWORD}. */
    String adminPassword() {
        return "admin-" + password;
    }

    /** The passwords of this run, to check they appear nowhere in clear. */
    List<String> passwords() {
        List<String> all = new ArrayList<>(List.of(password, adminPassword()));
        API_USERS.keySet().forEach(u -> all.add(password(u)));
        return all;
    }

    /** GET that must answer 200 with JSON; returns the parsed body. */
    public JsonNode json(String path) throws IOException, InterruptedException {
        Response r = get(path);
        assertEquals(200, r.status(), () -> "GET " + path + " → " + r);
        assertTrue(r.isJson(), () -> "GET " + path + " is not JSON: " + r);
        return r.json();
    }

    /** The response headers of a GET as a caller {@link #getAs} knows. */
    public java.net.http.HttpHeaders headers(String user, String path) throws IOException, InterruptedException {
        return http.send(authenticated(HttpRequest.newBuilder(uri(path)).GET(), user).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.discarding()).headers();
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        if (built.headers().firstValue("Accept-Language").isEmpty()) {
            // The tests read the English wording; the deployment's own language (Japanese) is tested on its own.
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("Accept-Language", "en").build();
        }
        HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r.headers());
    }

    /**
     * Installs the sample policy module (a third party's: its bundle, built outside the distribution) as an operator
     * would, with a features repository of its own: what the console said.
     */
    public String installSampleModule() throws IOException, InterruptedException {
        Path jar = Path.of(E2e.property("gigaplan.e2e.samplemodule")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "sample module jar missing: " + jar);
        Path features = workDir.resolve("samplemod-features.xml");
        Files.writeString(features, """
                <?xml version="1.0" encoding="UTF-8"?>
                <features name="samplemod" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="gigaplan-samplemod" version="1.0.0">
                    <feature>gigaplan-platform</feature>
                    <bundle>%s</bundle>
                  </feature>
                </features>
                """.formatted(jar.toUri()));
        return console("feature:repo-add " + features.toUri(), "feature:install gigaplan-samplemod");
    }

    /** The address of a path on this distribution's web server. */
    URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The distribution's address: {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A request as the test built it (its own credentials and headers). */
    Response raw(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request);
    }

    // ---------------------------------------------------------------- console

    /**
     * Runs console commands in one {@code bin/client} session (commands on standard input, batch mode) and
     * returns what they printed, standard error included, without ANSI colours.
     */
    public String console(String... commands) throws IOException, InterruptedException {
        int n = consoleCalls.incrementAndGet();
        Path out = workDir.resolve("console-" + n + ".log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-u", USER, "-p", password,
                "-a", Integer.toString(sshPort), "-h", "127.0.0.1", "-r", "10", "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        environment(pb);
        Process client = pb.start();
        try (OutputStream in = client.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!client.waitFor(CONSOLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            client.descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
            fail("bin/client did not finish within " + CONSOLE_TIMEOUT.toSeconds() + " s running " + List.of(commands)
                    + ": " + Files.readString(out));
        }
        return ANSI.matcher(Files.readString(out, StandardCharsets.UTF_8)).replaceAll("");
    }

    // ---------------------------------------------------------------- helpers

    public Path home() {
        return home;
    }

    public Path workDir() {
        return workDir;
    }

    public Path karafLog() {
        return home.resolve("data/log/karaf.log");
    }

    /**
     * Re-checks a condition every 250 ms until it passes (returns without an AssertionError or exception);
     * after the timeout fails with the condition's last failure.
     */
    public static void await(String what, Duration timeout, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                condition.check();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                            + ": " + e.getMessage(), e);
                }
            }
            Thread.sleep(250);
        }
    }

    /**
     * Waits until every policy module the distribution boots with is in and demo mode has no fill pending (the
     * platform's health says how many are). Up to three minutes: the fills take 20-30 s on an idle 2-core machine
     * and timed out at 90 s once while other builds ran beside the suite.
     */
    public static void awaitDemoFills(Distribution dist) throws InterruptedException {
        await("the modules and their demo fills", Duration.ofSeconds(180), () -> {
            String modules = dist.json("/api/modules").toString();
            for (String module : List.of("usage", "training", "environment", "outreach")) {
                assertTrue(modules.contains("\"id\":\"" + module + "\""), modules);
            }
            assertEquals(0, dist.json("/api/health").path("demoFillsPending").asInt(), "demo fills pending");
        });
    }

    /** A test uninstalled the boot module serving this endpoint: later (re)starts do not wait for it. */
    public void uninstalled(String moduleEndpoint) {
        assertTrue(moduleEndpoints.remove(moduleEndpoint), () -> moduleEndpoint + " is not a boot module's endpoint");
    }

    /** A condition of {@link #await}: passes by returning, fails by throwing. */
    @FunctionalInterface
    public interface Condition {
        void check() throws Exception;
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
