package org.gigaplan.platform.internal.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

/**
 * The address a request comes from, as the login throttle and the limit on anonymous calls count callers by: the
 * connection's, or, when the connection is from a proxy the operator trusts (a load balancer in front of the nodes,
 * {@code trustedProxies}), the nearest address in {@code X-Forwarded-For} that is not one of those proxies. A header
 * from anyone else is ignored: a client cannot choose the address it is counted by.
 */
public final class ClientAddress {

    /** An IPv4 or IPv6 address as written in the header; anything else there is not taken. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trusted;

    /** @param trustedProxies addresses of the proxies in front of this node, separated by commas or spaces */
    public ClientAddress(String trustedProxies) {
        this.trusted = trustedProxies == null ? Set.of()
                : Set.of(trustedProxies.strip().isEmpty() ? new String[0] : trustedProxies.strip().split("[,\\s]+"));
    }

    public String of(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        String connection = request.getRemoteAddr();
        if (connection == null || !trusted.contains(connection)) {
            return connection;
        }
        // Each proxy appends the address it was called from: read from the nearest back, past the trusted ones.
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!ADDRESS.matcher(hop).matches()) {
                return connection;
            }
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return connection;
    }
}
