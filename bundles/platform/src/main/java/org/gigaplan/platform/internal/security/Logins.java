package org.gigaplan.platform.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.platform.internal.TeacherServiceImpl;
import org.gigaplan.platform.internal.rest.ApiConfig;
import org.gigaplan.platform.internal.rest.Problem;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a person's user name and password, for HTTP Basic and for the dashboard's login form alike: the login
 * throttle first, then the realm (through the verified logins kept a short while), then the GIGA Plan role their
 * realm roles give them. Each wrong password is logged and counted.
 */
@Component(service = Logins.class, configurationPid = ApiConfig.PID)
public class Logins {

    static final String ROLE_BOARD = "board";
    static final String ROLE_SCHOOL_PREFIX = "school@";
    /** JAAS role of a teacher: {@code teacher@<school id>/<teacher code>}. */
    static final String ROLE_TEACHER_PREFIX = "teacher@";
    /** JAAS role of a learner: {@code learner@<school id>}; the user name is their login. */
    static final String ROLE_LEARNER_PREFIX = "learner@";

    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

    /** What a login came to. */
    public sealed interface Outcome permits SignedIn, WithoutRole, Wrong, Locked {
    }

    /** Logged in as a GIGA Plan caller. */
    public record SignedIn(Caller caller) implements Outcome {
    }

    /** The password is right, but the realm gives the user no GIGA Plan role. */
    public record WithoutRole(String user) implements Outcome {
    }

    /** Wrong user name or password. */
    public record Wrong() implements Outcome {
    }

    /** Too many wrong passwords for this name from this address: refused without a check for this long. */
    public record Locked(Duration retryAfter) implements Outcome {

        /** The answer: 429, with when to try again. */
        public Response answer(String user) {
            long seconds = Math.max(1, retryAfter.toSeconds());
            return Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS, "too many wrong passwords for "
                    + "user " + user + " from this address: try again in " + seconds + " s").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, seconds).build();
        }
    }

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final Consumer<Caller> signedIn;
    private final ClientAddress address;

    @Activate
    public Logins(ApiConfig config, @Reference TeacherServiceImpl teachers, @Reference PlatformDatabase database) {
        this(new VerifiedLogins(new JaasAuthenticator(config.realm()), Duration.ofSeconds(config.verifiedLoginSeconds()),
                Clock.systemUTC()), new LoginThrottle(config.loginFailuresAllowed(),
                        Duration.ofSeconds(config.loginLockSeconds()), Clock.systemUTC(), Duration.ofSeconds(5),
                        new LoginFailureStore(database, Clock.systemUTC())),
                teachers::signedIn, new ClientAddress(config.trustedProxies()));
    }

    /**
     * @param signedIn told of every caller who logged in (the platform lists a teacher's own login on their school's
     *                 list of teachers)
     */
    public Logins(Authenticator authenticator, LoginThrottle throttle, Consumer<Caller> signedIn) {
        this(authenticator, throttle, signedIn, new ClientAddress(""));
    }

    /** @param address how a request's client address is read (behind trusted proxies, from X-Forwarded-For) */
    public Logins(Authenticator authenticator, LoginThrottle throttle, Consumer<Caller> signedIn,
            ClientAddress address) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.signedIn = signedIn;
        this.address = address;
    }

    /** The address a request's client is counted by (see {@link ClientAddress}). */
    public String address(javax.servlet.http.HttpServletRequest request) {
        return address.of(request);
    }

    /**
     * Checks a login; the password is wiped when this returns.
     *
     * @param address the caller's address, which the throttle counts wrong passwords by (null: unknown)
     */
    public Outcome check(String user, char[] password, String address) {
        try {
            Optional<Duration> locked = throttle.tryLogin(user, address);
            if (locked.isPresent()) {
                return new Locked(locked.get());
            }
            Optional<Set<String>> roles;
            try {
                roles = authenticator.authenticate(user, password);
            } catch (RuntimeException e) {
                throttle.cancel(user, address);
                throw e;
            }
            if (roles.isEmpty()) {
                String from = address == null ? "a client" : address;
                String shown = user.replaceAll("\\p{Cntrl}", "?");
                if (throttle.failed(user, address)) {
                    LOG.warn("Refused the login of user {} from {}: wrong password again; the user name is locked for "
                            + "a while from that address (from others it is not)", shown, from);
                } else {
                    LOG.warn("Refused the login of user {} from {}: wrong user name or password", shown, from);
                }
                return new Wrong();
            }
            throttle.succeeded(user, address);
            Optional<Caller> caller = caller(user, roles.get());
            if (caller.isEmpty()) {
                return new WithoutRole(user);
            }
            signedIn.accept(caller.get());
            return new SignedIn(caller.get());
        } finally {
            Arrays.fill(password, '\0');
        }
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
}
