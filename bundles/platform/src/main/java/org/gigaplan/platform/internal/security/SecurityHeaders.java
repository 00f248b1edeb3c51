package org.gigaplan.platform.internal.security;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Component;

/**
 * The security headers of every answer of the platform, pages and API alike, set in one place: a content security
 * policy that runs only this server's scripts (no inline script, nothing from elsewhere) and lets no other site frame
 * a page, no MIME sniffing, no referrer sent elsewhere. Authenticated API answers are also never stored by a browser
 * or proxy ({@code Cache-Control: no-store}).
 *
 * <p>As an HTTP whiteboard filter it covers the dashboard's files and the web server's own answers under
 * {@code /dashboard}; {@link Api} covers everything the {@code /api} application answers.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.pattern=/dashboard",
    "osgi.http.whiteboard.filter.pattern=/dashboard/*",
    "osgi.http.whiteboard.filter.name=gigaplan-security-headers" })
public class SecurityHeaders implements Filter {

    /**
     * Styles may be inline (the charts and the API explorer set them); images may also come as data: URLs or from
     * https: (pictures in support-site posts).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "same-origin");

    public static void apply(BiConsumer<String, String> set) {
        HEADERS.forEach(set);
    }

    @Override
    public void init(javax.servlet.FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            apply(http::setHeader);
        }
        chain.doFilter(request, response);
    }

    /** The same headers on every /api answer, and no-store on those to a logged-in caller. */
    public static final class Api implements ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            apply(response.getHeaders()::putSingle);
            boolean authenticated = request.getSecurityContext() != null
                    && request.getSecurityContext().getUserPrincipal() != null
                    || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
            if (authenticated) {
                response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        }
    }
}
