package org.gigaplan.platform.internal.security;

import java.util.List;

import org.gigaplan.platform.internal.DemoConfig;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users a start creates, and only these: the distribution ships none, so no default password works.
 * <ul>
 * <li>{@code admin} (board, console access) with the password in {@value #ADMIN_PASSWORD_ENV}, when that is set
 * and there is no {@code admin} yet — the first start of a production installation;</li>
 * <li>in demo mode, demo users for each role, with the password {@value #DEMO_PASSWORD}, announced in the log.</li>
 * </ul>
 * The password is read from the environment, never from configuration, so it is not kept anywhere in clear.
 */
@Component(immediate = true, configurationPid = DemoConfig.PID)
public class InitialUsers {

    static final String ADMIN_PASSWORD_ENV = "GIGAPLAN_ADMIN_PASSWORD";
    static final String ADMIN = "admin";
    static final String DEMO_PASSWORD = "demo";
    /** Demo users and their roles: one for the board, staff of two sample schools. */
    static final List<List<String>> DEMO_USERS = List.of(
            List.of("demo-board", "board"),
            List.of("demo-school-e01", "school@S-E01"),
            List.of("demo-school-j01", "school@S-J01"));

    private static final Logger LOG = LoggerFactory.getLogger(InitialUsers.class);

    @Activate
    public InitialUsers(BundleContext context, DemoConfig demo) {
        KarafUsers users = new KarafUsers(context, "karaf");
        String password = System.getenv(ADMIN_PASSWORD_ENV);
        if (password != null && !password.isBlank()) {
            if (users.exists(ADMIN)) {
                LOG.info("{} is set but user {} exists already: its password is left as it is", ADMIN_PASSWORD_ENV,
                        ADMIN);
            } else {
                users.add(ADMIN, password, List.of("board"), List.of("admingroup"));
                LOG.info("Created user {} (board, console) with the password from {}", ADMIN, ADMIN_PASSWORD_ENV);
            }
        }
        if (demo.enabled()) {
            for (List<String> user : DEMO_USERS) {
                if (!users.exists(user.get(0))) {
                    users.add(user.get(0), DEMO_PASSWORD, List.of(user.get(1)), List.of());
                }
            }
            LOG.warn("DEMO MODE: demo users {} log in with the password '{}'. Never use demo mode with real data.",
                    DEMO_USERS.stream().map(u -> u.get(0) + " (" + u.get(1) + ")").toList(), DEMO_PASSWORD);
        }
    }
}
