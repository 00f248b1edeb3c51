package org.gigaplan.platform.internal.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.platform.internal.DemoConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials an installation starts with, set on every start from its environment and demo setting:
 * <ul>
 * <li>{@code GIGAPLAN_ADMIN_PASSWORD} gives the board's first user, {@code admin}, that password, unless a user
 * {@code admin} exists;</li>
 * <li>in demo mode, the demo users (password {@code demo}) and the demo agent's API key, both published in the README,
 * work; out of demo mode neither does: a start without demo mode removes the demo users and revokes the demo key,
 * and says so in the log.</li>
 * </ul>
 * {@link #demoCredentials()} names any demo credential that still works, for {@code /api/health}.
 */
@Component(service = Credentials.class, immediate = true, configurationPid = DemoConfig.PID)
public class Credentials {

    /** The demo users and their JAAS roles: the board, staff of two sample schools, a teacher and a learner. */
    static final Map<String, String> DEMO_USERS = Map.of(
            "demo-board", "board",
            "demo-school-e01", "school@S-E01",
            "demo-school-j01", "school@S-J01",
            "demo-teacher-e01", "teacher@S-E01/T01",
            "demo-s-e01-5-1-1@drill.example", "learner@S-E01");
    static final String DEMO_PASSWORD = "demo";
    static final String ADMIN = "admin";
    static final List<String> ADMIN_ROLES = List.of("board");
    /** What {@link #demoCredentials()} calls the demo agent's key. */
    static final String DEMO_KEY_NAME = "demo agent API key";

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

    /** How long a look at the demo credentials stands. */
    static final java.time.Duration DEMO_CHECK_EVERY = java.time.Duration.ofSeconds(10);

    private final ApiKeyService keys;
    private final boolean demo;
    private final String adminPassword;
    /** The realm's users once a ready directory is bound; null before (and outside Karaf). */
    private volatile UserDirectory users;
    private volatile Checked lastCheck;

    @Activate
    public Credentials(@Reference ApiKeyService keys, DemoConfig demo) {
        this(keys, demo.enabled(), System.getenv("GIGAPLAN_ADMIN_PASSWORD"));
    }

    Credentials(ApiKeyService keys, boolean demo, String adminPassword) {
        this.keys = keys;
        this.demo = demo;
        this.adminPassword = adminPassword;
        if (demo) {
            if (keys.ensureDemoKey()) {
                LOG.warn("DEMO MODE: the demo agent's API key (school {}, see README) works on this installation",
                        ApiKeyService.DEMO_SCHOOL);
            } else {
                LOG.warn("DEMO MODE: no demo agent key: sample school {} is not in the directory",
                        ApiKeyService.DEMO_SCHOOL);
            }
        } else if (keys.revokeDemoKey()) {
            LOG.warn("Left demo mode: revoked the demo agent's API key, whose secret the README publishes");
        }
    }

    /**
     * The realm's users, as Karaf's directory of them comes and goes during the boot: it is made anew as realms and
     * backing engines register (its references are greedy), and is ready once the configured realm is among them. A
     * ready one settles the users ({@link #settle}); the reference is dynamic, so that this component, and the health
     * resource that uses it, are not made anew each time (five times a boot, each revoking or making the demo key).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUsers(UserDirectory directory) {
        if (directory.ready()) {
            List<String> changes = settle(directory, demo, adminPassword);
            LOG.info("The JAAS realm's users settled ({}): {} changed", demo ? "demo mode" : "not in demo mode",
                    changes.size());
            users = directory;
            lastCheck = null;
        }
    }

    void unbindUsers(UserDirectory directory) {
        if (users == directory) {
            users = null;
            lastCheck = null;
        }
    }

    /**
     * Adds {@code admin} when a password is given for it and there is no such user; adds the demo users in demo mode
     * and removes them otherwise.
     *
     * @return what changed, one line each, as logged
     */
    static synchronized List<String> settle(UserDirectory users, boolean demo, String adminPassword) {
        List<String> changes = new ArrayList<>();
        Set<String> present = users.names();
        if (adminPassword != null && !adminPassword.isBlank() && !present.contains(ADMIN)
                && added(users, ADMIN, adminPassword, ADMIN_ROLES)) {
            changes.add("Created user admin (board) with the password of GIGAPLAN_ADMIN_PASSWORD");
        }
        for (Map.Entry<String, String> user : DEMO_USERS.entrySet()) {
            if (demo && !present.contains(user.getKey())) {
                if (added(users, user.getKey(), DEMO_PASSWORD, List.of(user.getValue()))) {
                    changes.add("DEMO MODE: created demo user " + user.getKey() + " (" + user.getValue()
                            + ", password: demo)");
                }
            } else if (!demo && present.contains(user.getKey())) {
                users.remove(user.getKey());
                changes.add("Left demo mode: removed demo user " + user.getKey() + ", whose password the README "
                        + "publishes");
            }
        }
        changes.forEach(change -> LOG.warn("{}", change));
        return changes;
    }

    /**
     * Adds a user; false when another node added the same name at the same moment (nodes starting together share
     * the realm's table): theirs stands.
     */
    private static boolean added(UserDirectory users, String name, String password, List<String> roles) {
        try {
            users.add(name, password, roles);
            return true;
        } catch (RuntimeException e) {
            if (users.names().contains(name)) {
                LOG.info("User {} was added by another node at the same moment", name);
                return false;
            }
            throw e;
        }
    }

    /**
     * The demo users and demo key that work now, by name: empty on an installation outside demo mode. Read again at
     * most every {@link #DEMO_CHECK_EVERY}: a load balancer asks {@code /api/health} every second or so, and the
     * users are a table every node shares.
     */
    public List<String> demoCredentials() {
        Checked last = lastCheck;
        long now = System.nanoTime();
        if (last != null && now - last.at() < DEMO_CHECK_EVERY.toNanos()) {
            return last.working();
        }
        List<String> working = new ArrayList<>();
        UserDirectory u = users;
        if (u != null) {
            Set<String> present = u.names();
            DEMO_USERS.keySet().stream().filter(present::contains).sorted().forEach(working::add);
        }
        if (keys.demoKeyWorks()) {
            working.add(DEMO_KEY_NAME);
        }
        lastCheck = new Checked(now, List.copyOf(working));
        return lastCheck.working();
    }

    /** What {@link #demoCredentials()} found, and when (System.nanoTime). */
    private record Checked(long at, List<String> working) {
    }
}
