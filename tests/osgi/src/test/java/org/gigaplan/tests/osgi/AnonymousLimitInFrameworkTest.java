package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Anonymous callers are limited per address, at the platform's defaults (a burst of 120, then 600 a minute): one
 * address calling the public reads as fast as it can is answered 429 with Retry-After, while another address is
 * served. The flood comes from 127.0.0.3, so the other tests' calls from 127.0.0.1 keep their own allowance.
 */
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class AnonymousLimitInFrameworkTest {

    @Test
    void oneAddressFloodingThePublicReadsIsSlowedDownAndOthersAreServed(
            @InjectService(timeout = 30_000) ServiceAware<JaxrsServiceRuntime> runtime) throws Exception {
        URI years = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/fiscal-years");
        InFramework.await("/api/fiscal-years", () -> InFramework.status(years) == 200);
        int served = 0;
        String refused = null;
        for (int i = 0; i < 1000 && refused == null; i++) {
            String head = get(years, "127.0.0.3");
            if (head.startsWith("HTTP/1.1 200")) {
                served++;
            } else {
                refused = head;
            }
        }
        String answer = refused;
        assertTrue(answer != null && answer.startsWith("HTTP/1.1 429"), () -> "no 429 in 1000 calls: " + answer);
        assertTrue(answer.toLowerCase().contains("retry-after:"), answer);
        assertTrue(served >= 120, "the burst of 120 is served first, was " + served);
        assertEquals(200, InFramework.status(years), "another address is served");
    }

    /** The status line and headers of a GET sent from a source address on the loopback network. */
    private static String get(URI uri, String source) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName(uri.getHost()), uri.getPort(), InetAddress.getByName(source), 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }
}
