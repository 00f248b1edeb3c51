package org.gigaplan.platform.internal.security;

import java.util.Optional;
import java.util.Set;

/** Checks a user name and password; on success gives the user's roles. */
@FunctionalInterface
public interface Authenticator {

    Optional<Set<String>> authenticate(String user, char[] password);
}
