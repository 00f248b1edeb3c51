package org.gigaplan.platform.internal.rest;

import java.time.Instant;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.security.AuthFilter;
import org.gigaplan.platform.internal.security.Logins;
import org.gigaplan.platform.internal.security.Sessions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The dashboard's login: {@code POST /api/session} with a user name and password begins a session kept by the server
 * and held by the browser in an {@code HttpOnly}, {@code SameSite=Strict} cookie (page scripts never see the password
 * again, nor the session id); {@code GET} tells a page who is logged in and the token its writes carry;
 * {@code DELETE} logs out, ending the session on the server. Programs keep using HTTP Basic or an API key.
 */
@Component(service = SessionResource.class)
@GigaPlanResource(name = "gigaplan.session")
@Public
@Path(Sessions.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** A login: user name and password. */
    public record Login(String user, String password) {
    }

    /**
     * The caller's session. {@code active} is false without one (anonymous, or a program logged in by Basic or an API
     * key, then named in {@code caller}); {@code csrfToken} goes with every write in the {@code X-CSRF-Token} header.
     */
    public record SessionView(boolean active, Caller caller, String csrfToken, Instant idleUntil, Instant endsAt,
            long idleTimeoutSeconds) {
    }

    private final Logins logins;
    private final Sessions sessions;
    private final AuditLog audit;

    @Activate
    public SessionResource(@Reference Logins logins, @Reference Sessions sessions, @Reference AuditLog audit) {
        this.logins = logins;
        this.sessions = sessions;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response logIn(Login login, @CookieParam(Sessions.COOKIE) String previous,
            @Context SecurityContext security, @Context HttpServletRequest request) {
        FieldChecks check = new FieldChecks();
        check.name(login == null ? null : login.user(), true, 200, "user");
        check.required(login == null ? null : login.password(), "password");
        check.throwIfAny();
        String user = login.user().strip();
        Logins.Outcome outcome = logins.check(user, login.password().toCharArray(), logins.address(request));
        if (outcome instanceof Logins.SignedIn in) {
            Sessions.Started started = sessions.start(in.caller(), previous);
            audit.describe(in.caller().schoolId(), "logged in to the dashboard as " + in.caller().name() + " ("
                    + in.caller().role().name().toLowerCase() + ")");
            return Response.ok(view(started.session()))
                    .header(HttpHeaders.SET_COOKIE, cookie(started.id(), security.isSecure(), false)).build();
        }
        if (outcome instanceof Logins.Locked locked) {
            audit.describe("dashboard login of " + user + " refused: locked after wrong passwords");
            return locked.answer(user);
        }
        if (outcome instanceof Logins.WithoutRole) {
            audit.describe("dashboard login of " + user + " refused: no GIGA Plan role");
            return Problem.of(Response.Status.FORBIDDEN, "user " + user + " has no GIGA Plan role: ask the board "
                    + "for one").toResponse();
        }
        audit.describe("dashboard login of " + user + " refused: wrong user name or password");
        return Problem.of(Response.Status.UNAUTHORIZED, "wrong user name or password").toResponse();
    }

    /** The caller and, for a dashboard session, its token and timeouts (as the authentication found it). */
    @GET
    public SessionView current(@Context SecurityContext security, @Context HttpServletRequest request) {
        if (AuthFilter.SESSION_AUTH.equals(security.getAuthenticationScheme())
                && request.getAttribute(AuthFilter.SESSION) instanceof Sessions.Active session) {
            return view(session);
        }
        return new SessionView(false, Caller.of(security).orElse(null), null, null, null,
                sessions.idleTimeout().toSeconds());
    }

    /** Logs out: the session ends on the server and the browser forgets its cookie. */
    @DELETE
    public Response logOut(@CookieParam(Sessions.COOKIE) String id, @Context SecurityContext security) {
        if (sessions.end(id)) {
            audit.describe("logged out of the dashboard");
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", security.isSecure(), true)).build();
    }

    private SessionView view(Sessions.Active session) {
        return new SessionView(true, session.caller(), session.csrfToken(), session.idleUntil(), session.endsAt(),
                sessions.idleTimeout().toSeconds());
    }

    /**
     * The session cookie: for /api only, never readable by scripts, never sent with a request another site starts,
     * over HTTPS only when the dashboard is served over HTTPS. It lasts as long as the browser (the server ends it).
     */
    static String cookie(String id, boolean secure, boolean clear) {
        return Sessions.COOKIE + "=" + id + "; Path=/api; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (clear ? "; Max-Age=0" : "");
    }
}
