package org.gigaplan.platform.internal.security;

import java.util.List;
import java.util.Set;

/** The users of the JAAS realm /api logs people in with: the platform adds its first users and removes demo ones. */
public interface UserDirectory {

    /** Whether the realm is there to be read and edited; the other methods throw when it is not. */
    default boolean ready() {
        return true;
    }

    /** Every user name. */
    Set<String> names();

    /**
     * What a user is now, by their roles in the realm (as a login would make them): empty when they are gone or hold
     * no GIGA Plan role.
     */
    java.util.Optional<org.gigaplan.plan.security.Caller> caller(String name);

    /** Adds a user with a password (stored the way the realm is configured to store it) and JAAS roles. */
    void add(String name, String password, List<String> roles);

    /** Removes a user; nothing when there is none of that name. */
    void remove(String name);
}
