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
 * @param schoolId  the school a {@link Role#SCHOOL}, {@link Role#AGENT}, {@link Role#TEACHER} or
 *                  {@link Role#LEARNER} caller belongs to; null for the board
 * @param teacherId a {@link Role#TEACHER}'s code within the school; null for everyone else
 */
public record Caller(String name, Role role, String schoolId, String teacherId) implements Principal {

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (role != Role.BOARD && (schoolId == null || schoolId.isBlank())) {
            throw new IllegalArgumentException(role + " callers belong to a school");
        }
        if ((role == Role.TEACHER) != (teacherId != null && !teacherId.isBlank())) {
            throw new IllegalArgumentException("teachers, and only teachers, have a teacher id");
        }
    }

    /** A caller who is not a teacher. A learner's name is their login, which modules map to their records. */
    public Caller(String name, Role role, String schoolId) {
        this(name, role, schoolId, null);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Whether the caller may read or write data of a school: the board any, others only their own. */
    public boolean mayAccessSchool(String id) {
        return role == Role.BOARD || Objects.equals(schoolId, id);
    }

    /**
     * Whether the caller may read or write one teacher's records: the board any, a school's staff their school's,
     * a teacher their own.
     */
    public boolean mayAccessTeacher(String school, String teacher) {
        return mayAccessSchool(school) && (role != Role.TEACHER || Objects.equals(teacherId, teacher));
    }

    /** Refuses with {@link AccessDeniedException} unless the caller may access the teacher's records. */
    public void requireTeacher(String school, String teacher) {
        if (!mayAccessTeacher(school, teacher)) {
            throw new AccessDeniedException("teacher " + teacher + " of " + school + " is not you");
        }
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
