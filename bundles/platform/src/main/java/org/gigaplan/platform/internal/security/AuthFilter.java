package org.gigaplan.platform.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.platform.internal.rest.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Establishes who calls /api: people by HTTP Basic checked by the {@link Authenticator}, machine clients by an
 * API key ({@code Authorization: Bearer gpk_…}), else anonymous. A request with credentials that do not check
 * out is refused at once with 401, whatever it asked for.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    /** Request property set when the credentials are good but carry no GIGA Plan role. */
    static final String NO_ROLE = "gigaplan.user-without-role";
    static final String ROLE_BOARD = "board";
    static final String ROLE_SCHOOL_PREFIX = "school@";
    /** JAAS role of a teacher: {@code teacher@<school id>/<teacher code>}. */
    static final String ROLE_TEACHER_PREFIX = "teacher@";
    /** JAAS role of a learner: {@code learner@<school id>}; the user name is their login. */
    static final String ROLE_LEARNER_PREFIX = "learner@";
    public static final String CHALLENGE = "Basic realm=\"GIGA Plan\", charset=\"UTF-8\"";

    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    private final Authenticator authenticator;
    private final Function<String, Optional<Caller>> apiKeys;
    private final LoginThrottle throttle;
    private final Consumer<Caller> signedIn;

    /** The servlet request, for the caller's address (a proxy of the current request, injected by the runtime). */
    @Context
    HttpServletRequest servletRequest;

    /**
     * @param signedIn told of every caller who logged in with a user name and password (the platform lists a
     *                 teacher's own login on their school's list of teachers)
     */
    public AuthFilter(Authenticator authenticator, Function<String, Optional<Caller>> apiKeys, LoginThrottle throttle,
            Consumer<Caller> signedIn) {
        this.authenticator = authenticator;
        this.apiKeys = apiKeys;
        this.throttle = throttle;
        this.signedIn = signedIn;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Caller> agent = apiKeys.apply(header.substring(7));
            if (agent.isEmpty()) {
                LOG.warn("Refused an /api call with an unknown, wrong or revoked API key");
                refuse(request, "unknown, wrong or revoked API key");
                return;
            }
            request.setSecurityContext(new CallerContext(agent.get(), secure(request), "API_KEY"));
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
        String address = servletRequest == null ? null : servletRequest.getRemoteAddr();
        Optional<java.time.Duration> locked = throttle.tryLogin(user, address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS, "too many wrong "
                    + "passwords for user " + user + " from this address: try again in " + seconds + " s").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, seconds).build());
            return;
        }
        char[] password = decoded.substring(colon + 1).toCharArray();
        Optional<Set<String>> roles;
        try {
            roles = authenticator.authenticate(user, password);
        } catch (RuntimeException e) {
            throttle.cancel(user, address);
            throw e;
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        if (roles.isEmpty()) {
            String from = address == null ? "a client" : address;
            String shown = user.replaceAll("\\p{Cntrl}", "?");
            if (throttle.failed(user, address)) {
                LOG.warn("Refused /api login of user {} from {}: wrong password again; the user name is locked for a "
                        + "while from that address (from others it is not)", shown, from);
            } else {
                LOG.warn("Refused /api login of user {} from {}: wrong user name or password", shown, from);
            }
            refuse(request, "wrong user name or password");
            return;
        }
        throttle.succeeded(user, address);
        Optional<Caller> caller = caller(user, roles.get());
        if (caller.isEmpty()) {
            request.setProperty(NO_ROLE, user);
            return;
        }
        signedIn.accept(caller.get());
        request.setSecurityContext(new CallerContext(caller.get(), secure(request), SecurityContext.BASIC_AUTH));
    }

    private static boolean secure(ContainerRequestContext request) {
        return request.getSecurityContext() != null && request.getSecurityContext().isSecure();
    }

    /**
     * board → the board; school@S-E01 → staff of school S-E01; teacher@S-E01/T01 → teacher T01 of S-E01;
     * learner@S-E01 → a learner of S-E01. The board role wins over a school one, a school one over a teacher one, a
     * teacher one over a learner one.
     */
    static Optional<Caller> caller(String user, Set<String> roles) {
        if (roles.contains(ROLE_BOARD)) {
            return Optional.of(new Caller(user, Role.BOARD, null));
        }
        Optional<Caller> staff = roles.stream()
                .filter(r -> r.startsWith(ROLE_SCHOOL_PREFIX) && r.length() > ROLE_SCHOOL_PREFIX.length())
                .sorted().findFirst()
                .map(r -> new Caller(user, Role.SCHOOL, r.substring(ROLE_SCHOOL_PREFIX.length())));
        if (staff.isPresent()) {
            return staff;
        }
        Optional<Caller> teacher = roles.stream().filter(r -> r.startsWith(ROLE_TEACHER_PREFIX)).sorted()
                .map(r -> r.substring(ROLE_TEACHER_PREFIX.length()).split("/", -1))
                .filter(parts -> parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()).findFirst()
                .map(parts -> new Caller(user, Role.TEACHER, parts[0], parts[1]));
        if (teacher.isPresent()) {
            return teacher;
        }
        return roles.stream().filter(r -> r.startsWith(ROLE_LEARNER_PREFIX)).sorted()
                .map(r -> r.substring(ROLE_LEARNER_PREFIX.length()))
                .filter(school -> !school.isBlank() && !school.contains("/")).findFirst()
                .map(school -> new Caller(user, Role.LEARNER, school));
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
