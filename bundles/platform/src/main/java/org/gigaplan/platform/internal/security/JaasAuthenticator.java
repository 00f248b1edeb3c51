package org.gigaplan.platform.internal.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/** Checks passwords against a Karaf JAAS realm; the realm's role principals are the user's roles. */
public final class JaasAuthenticator implements Authenticator {

    private final String realm;

    public JaasAuthenticator(String realm) {
        this.realm = realm;
    }

    @Override
    public Optional<Set<String>> authenticate(String user, char[] password) {
        Subject subject = new Subject();
        try {
            LoginContext login = new LoginContext(realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback n) {
                        n.setName(user);
                    } else if (callback instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
        } catch (LoginException e) {
            return Optional.empty();
        }
        // Karaf's RolePrincipal; matched by name so the bundle also resolves outside Karaf.
        return Optional.of(subject.getPrincipals().stream()
                .filter(p -> p.getClass().getSimpleName().equals("RolePrincipal"))
                .map(p -> p.getName()).collect(Collectors.toSet()));
    }
}
