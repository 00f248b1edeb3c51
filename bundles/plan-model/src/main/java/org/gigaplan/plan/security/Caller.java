package org.gigaplan.plan.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.rest.InvalidInputException;

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
            throw new AccessDeniedException("teacher " + teacher + " of " + school + " is not you",
                    school + " の先生 " + teacher + " の記録は扱えません");
        }
    }

    /**
     * Refuses with {@link AccessDeniedException} unless the caller may access the school. The refusal does not name
     * it: the school may be that of a record the caller named by its id (a finding, a webhook), which would tell them
     * whose it is.
     */
    public void requireSchool(String id) {
        if (!mayAccessSchool(id)) {
            throw new AccessDeniedException(ANOTHER_SCHOOLS);
        }
    }

    /** The refusal of {@link #requireSchool}. */
    public static final String ANOTHER_SCHOOLS = "another school's records: not yours";

    /** The school a school's user, agent, teacher or learner acts for when they name none; null for the board. */
    public String ownSchool() {
        return role == Role.BOARD ? null : schoolId;
    }

    /**
     * The school a read is about, from an optional {@code schoolId} parameter: the board may name any school or none
     * (null: the city); everyone else gets their own school, and is refused another's.
     */
    public String readScope(String schoolId) {
        if (schoolId != null && !schoolId.isBlank()) {
            requireSchool(schoolId.trim());
            return schoolId.trim();
        }
        return ownSchool();
    }

    /**
     * The one school a request is about, which must be given or implied: the {@code schoolId} parameter, else the
     * caller's own; refused when the board names none (400, {@link InvalidInputException}) or another's school is
     * named (403).
     */
    public String schoolScope(String schoolId) {
        String school = readScope(schoolId);
        if (school == null) {
            throw new InvalidInputException("schoolId", "required: the school this is about", "必須です（対象の学校）");
        }
        return school;
    }

    /** The caller of a request, empty when anonymous. */
    public static Optional<Caller> of(SecurityContext context) {
        return context != null && context.getUserPrincipal() instanceof Caller c ? Optional.of(c) : Optional.empty();
    }

    /**
     * The caller of a request to a method that is not {@link Public}: the platform has refused anonymous calls to it
     * before the method runs, so there is always one.
     */
    public static Caller required(SecurityContext context) {
        return of(context).orElseThrow(() -> new IllegalStateException("no caller on a protected endpoint: is the "
                + "method @Public, or the resource not on the platform's application?"));
    }
}
