package org.gigaplan.plan.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

import javax.ws.rs.core.SecurityContext;

/**
 * An authenticated caller of /api, as the platform established it: the {@code Principal} of the request's
 * {@link SecurityContext}.
 *
 * @param name     user name, or the API key's label
 * @param role     what the caller may do
 * @param schoolId the school a {@link Role#SCHOOL} or {@link Role#AGENT} caller belongs to; null for the board
 */
public record Caller(String name, Role role, String schoolId) implements Principal {

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (role != Role.BOARD && (schoolId == null || schoolId.isBlank())) {
            throw new IllegalArgumentException(role + " callers belong to a school");
        }
    }

    @Override
    public String getName() {
        return name;
    }

    /** Whether the caller may read or write data of a school: the board any, others only their own. */
    public boolean mayAccessSchool(String id) {
        return role == Role.BOARD || Objects.equals(schoolId, id);
    }

    /** Refuses with {@link AccessDeniedException} unless the caller may access the school. */
    public void requireSchool(String id) {
        if (!mayAccessSchool(id)) {
            throw new AccessDeniedException("school " + id + " is not yours");
        }
    }

    /** The caller of a request, empty when anonymous. */
    public static Optional<Caller> of(SecurityContext context) {
        return context != null && context.getUserPrincipal() instanceof Caller c ? Optional.of(c) : Optional.empty();
    }
}
