package org.gigaplan.platform.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.platform.internal.rest.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Establishes who calls /api: people by HTTP Basic or by the dashboard's session cookie, machine clients by an API key
 * ({@code Authorization: Bearer gpk_…}, or HTTP Basic with the key's {@code gpk_<id>} as user name and its secret as
 * password, as xAPI clients send it), else anonymous. A request with credentials that do not check out is refused
 * at once with 401, whatever it asked for. A write made with the session cookie must carry the session's token and,
 * when the browser names its origin, come from this server's own: a page of another site cannot write with a
 * teacher's session (403).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    /** Request property set when the credentials are good but carry no GIGA Plan role. */
    static final String NO_ROLE = "gigaplan.user-without-role";
    public static final String CHALLENGE = "Basic realm=\"GIGA Plan\", charset=\"UTF-8\"";
    /** The scheme of a caller known by their session cookie. */
    public static final String SESSION_AUTH = "SESSION";
    /** Request property (a servlet request attribute) holding the {@link Sessions.Active} session the cookie named. */
    public static final String SESSION = "gigaplan.session";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    private final Logins logins;
    private final Sessions sessions;
    private final Function<String, Optional<Caller>> apiKeys;

    /** The servlet request, for the caller's address (a proxy of the current request, injected by the runtime). */
    @Context
    HttpServletRequest servletRequest;

    public AuthFilter(Logins logins, Sessions sessions, Function<String, Optional<Caller>> apiKeys) {
        this.logins = logins;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            session(request);
            return;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            apiKey(request, header.substring(7).trim());
            return;
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            refuse(request, "unsupported authentication scheme: use HTTP Basic or an API key (Bearer)");
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            refuse(request, "malformed Basic credentials");
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            refuse(request, "malformed Basic credentials");
            return;
        }
        String user = decoded.substring(0, colon);
        if (user.startsWith(ApiKeyService.PREFIX)) {
            // An LRS client's way with a key: its id as the user name, its secret as the password.
            String password = decoded.substring(colon + 1);
            apiKey(request, password.isEmpty() ? user : user + "_" + password);
            return;
        }
        Logins.Outcome outcome = logins.check(user, decoded.substring(colon + 1).toCharArray(), address());
        if (outcome instanceof Logins.SignedIn in) {
            request.setSecurityContext(new CallerContext(in.caller(), secure(request), SecurityContext.BASIC_AUTH));
        } else if (outcome instanceof Logins.WithoutRole none) {
            request.setProperty(NO_ROLE, none.user());
        } else if (outcome instanceof Logins.Locked locked) {
            request.abortWith(locked.answer(user));
        } else {
            refuse(request, "wrong user name or password");
        }
    }

    /** A machine client by its API key, {@code gpk_<key id>_<secret>}. */
    private void apiKey(ContainerRequestContext request, String key) {
        Optional<Caller> agent = apiKeys.apply(key);
        if (agent.isEmpty()) {
            LOG.warn("Refused an /api call with an unknown, wrong or revoked API key");
            refuse(request, "unknown, wrong or revoked API key");
            return;
        }
        request.setSecurityContext(new CallerContext(agent.get(), secure(request), "API_KEY"));
    }

    /** The caller's address, which wrong passwords are counted by. */
    String address() {
        return logins.address(servletRequest);
    }

    /**
     * The caller of a request without an Authorization header: the session its cookie names, if any is valid
     * (otherwise anonymous: an expired session's page then shows its login form). Its writes are checked for their
     * origin and token.
     */
    private void session(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        if (cookie == null) {
            return;
        }
        boolean write = !SAFE.contains(request.getMethod());
        if (write && !sameOrigin(request)) {
            LOG.warn("Refused a cross-site {} /api/{} from {} with a session cookie", request.getMethod(),
                    request.getUriInfo().getPath(), request.getHeaderString("Origin"));
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "cross-site request refused: a write with the "
                    + "dashboard's session must come from its own pages").toResponse());
            return;
        }
        Optional<Sessions.Active> session = sessions.find(cookie.getValue());
        if (session.isEmpty()) {
            return;
        }
        if (write && !Sessions.PATH.equals(request.getUriInfo().getPath()) && !MessageDigest.isEqual(
                bytes(session.get().csrfToken()), bytes(request.getHeaderString(Sessions.TOKEN_HEADER)))) {
            LOG.warn("Refused {} /api/{} of {}'s session without its token", request.getMethod(),
                    request.getUriInfo().getPath(), session.get().caller().name());
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "this write lacks the session's token (header "
                    + Sessions.TOKEN_HEADER + ", from GET /api/session): load the page again").toResponse());
            return;
        }
        request.setProperty(SESSION, session.get());
        request.setSecurityContext(new CallerContext(session.get().caller(), secure(request), SESSION_AUTH));
    }

    /**
     * Whether a browser's request comes from a page of this server: its {@code Origin}, when it names one, has this
     * request's host and port (as the client addressed it, through a proxy too).
     */
    static boolean sameOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return true; // not sent by a browser's cross-site fetch or form (they name it); the token still decides
        }
        String forwarded = request.getHeaderString("X-Forwarded-Host");
        String host = forwarded != null ? forwarded.split(",")[0].strip() : request.getHeaderString(HttpHeaders.HOST);
        try {
            java.net.URI uri = java.net.URI.create(origin.strip());
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean secure(ContainerRequestContext request) {
        return request.getSecurityContext() != null && request.getSecurityContext().isSecure();
    }

    private static void refuse(ContainerRequestContext request, String detail) {
        request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
    }

    /** The security context of an authenticated request. */
    record CallerContext(Caller caller, boolean secure, String scheme) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().name().equalsIgnoreCase(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}
