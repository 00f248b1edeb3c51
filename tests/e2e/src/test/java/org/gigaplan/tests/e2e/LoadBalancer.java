package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from the Debian package in front of several nodes, on a free loopback port, as the README's deployment
 * section sets it up: round robin, each node checked on its readiness endpoint ({@code GET /api/health}, 200 once
 * every resource answers) twice a second, out after two failed checks, a request no node took (its connection
 * refused) sent to another; a request a node took is never sent twice. Installed with apt-get when missing and the tests run as root; stopped by {@link #close()}.
 */
final class LoadBalancer implements AutoCloseable {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    private final int port;
    private final int statsPort;
    private final Path config;
    private final Path log;
    private Process process;

    private LoadBalancer(int port, int statsPort, Path config, Path log) {
        this.port = port;
        this.statsPort = statsPort;
        this.config = config;
        this.log = log;
    }

    /** Starts HAProxy in front of the nodes' HTTP ports and waits until its port answers. */
    static LoadBalancer start(Path workDir, List<Integer> nodePorts) throws IOException, InterruptedException {
        install();
        Files.createDirectories(workDir);
        int[] ports = Distribution.freePorts(2);
        int port = ports[0];
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 1024
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 120s
                    timeout server 120s
                    retries 3
                    option redispatch
                    option forwardfor
                    retry-on conn-failure
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                frontend gigaplan
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /api/health
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                """.formatted(ports[1], port));
        for (int i = 0; i < nodePorts.size(); i++) {
            cfg.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i))
                    .append(" check\n");
        }
        Path config = workDir.resolve("haproxy.cfg");
        Files.writeString(config, cfg);
        LoadBalancer lb = new LoadBalancer(port, ports[1], config, workDir.resolve("haproxy.log"));
        lb.process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(lb.log.toFile()).start();
        lb.process.getOutputStream().close();
        Distribution.await("HAProxy on port " + port, Duration.ofSeconds(30), () -> {
            assertTrue(lb.process.isAlive(), () -> "HAProxy exited: " + Distribution.tail(lb.log, 20));
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        });
        return lb;
    }

    int port() {
        return port;
    }

    /** How many requests each node took so far, by its place in the list given to {@link #start}. */
    List<Long> requestsPerNode() throws IOException, InterruptedException {
        String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort
                + "/stats;csv")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().replaceFirst("^# ", "").split(","));
        int name = header.indexOf("svname");
        int total = header.indexOf("stot");
        return csv.lines().skip(1).map(l -> l.split(",", -1)).filter(c -> c[0].equals("nodes")
                && c[name].startsWith("node")).sorted(java.util.Comparator.comparing(c -> c[name]))
                .map(c -> Long.parseLong(c[total])).toList();
    }

    /** HAProxy from the machine's packages: installed first when it is missing and this runs as root. */
    private static void install() throws IOException, InterruptedException {
        if (Files.isExecutable(HAPROXY)) {
            return;
        }
        assertTrue("root".equals(System.getProperty("user.name")), "HAProxy is not installed: apt-get install haproxy");
        for (List<String> command : List.of(List.of("apt-get", "update", "-qq"),
                List.of("apt-get", "install", "-y", "-qq", "haproxy"))) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, () -> command + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
