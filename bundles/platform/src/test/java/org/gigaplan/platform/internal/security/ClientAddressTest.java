package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;

import javax.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final String BALANCER = "10.0.0.2";

    /** A request from {@code remote} with the X-Forwarded-For headers given. */
    private static HttpServletRequest request(String remote, String... forwarded) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getRemoteAddr" -> remote;
                case "getHeaders" -> "X-Forwarded-For".equalsIgnoreCase((String) args[0])
                        ? Collections.enumeration(List.of(forwarded)) : Collections.emptyEnumeration();
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void withoutTrustedProxiesTheConnectionCountsAndTheHeaderIsIgnored() {
        ClientAddress none = new ClientAddress("");
        assertEquals("203.0.113.9", none.of(request("203.0.113.9", "198.51.100.1")));
        assertEquals(BALANCER, none.of(request(BALANCER, "198.51.100.1")));
    }

    @Test
    void behindATrustedBalancerTheClientItNamesCounts() {
        ClientAddress behind = new ClientAddress(BALANCER + ", 10.0.0.3");
        assertEquals("198.51.100.1", behind.of(request(BALANCER, "198.51.100.1")));
        // A client sending its own header gets the balancer's entry for it appended: the nearest untrusted one wins.
        assertEquals("198.51.100.1", behind.of(request(BALANCER, "6.6.6.6, 198.51.100.1")));
        assertEquals("198.51.100.1", behind.of(request(BALANCER, "6.6.6.6", "198.51.100.1, 10.0.0.3")));
        assertEquals("2001:db8::7", behind.of(request(BALANCER, "2001:db8::7")));
        assertEquals(BALANCER, behind.of(request(BALANCER)), "no header: the balancer's own call");
        assertEquals(BALANCER, behind.of(request(BALANCER, "not an address")), "garbage is not taken");
        assertEquals("203.0.113.9", behind.of(request("203.0.113.9", "198.51.100.1")), "not from a trusted proxy");
    }
}
