package org.gigaplan.plan.notify;

import java.util.Objects;

import org.gigaplan.plan.security.Role;

/**
 * Who a notice is for: the board, the staff of one school, or one teacher of a school. Everyone the platform knows in
 * that role sees it in their inbox, and those with an e-mail address get it by mail as they chose.
 *
 * @param role        {@link Role#BOARD}, {@link Role#SCHOOL} or {@link Role#TEACHER}
 * @param schoolId    the school, for the school's staff and its teachers; null for the board
 * @param teacherCode the teacher's code within the school, for a teacher; null otherwise
 */
public record Audience(Role role, String schoolId, String teacherCode) {

    public Audience {
        Objects.requireNonNull(role, "role");
        switch (role) {
            case BOARD -> {
                if (schoolId != null || teacherCode != null) {
                    throw new IllegalArgumentException("the board's notices name no school or teacher as audience");
                }
            }
            case SCHOOL -> {
                requireText(schoolId, "schoolId");
                if (teacherCode != null) {
                    throw new IllegalArgumentException("a school's notices name no teacher");
                }
            }
            case TEACHER -> {
                requireText(schoolId, "schoolId");
                requireText(teacherCode, "teacherCode");
            }
            default -> throw new IllegalArgumentException("notices go to the board, a school or a teacher, not " + role);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    public static Audience board() {
        return new Audience(Role.BOARD, null, null);
    }

    public static Audience school(String schoolId) {
        return new Audience(Role.SCHOOL, schoolId, null);
    }

    public static Audience teacher(String schoolId, String teacherCode) {
        return new Audience(Role.TEACHER, schoolId, teacherCode);
    }

    /** A short stable form, kept with the notice: {@code board}, {@code school:S-E01}, {@code teacher:S-E01/T01}. */
    public String code() {
        return switch (role) {
            case BOARD -> "board";
            case SCHOOL -> "school:" + schoolId;
            default -> "teacher:" + schoolId + "/" + teacherCode;
        };
    }

    /** The audience of a {@link #code()}. */
    public static Audience parse(String code) {
        if ("board".equals(code)) {
            return board();
        }
        if (code != null && code.startsWith("school:")) {
            return school(code.substring(7));
        }
        if (code != null && code.startsWith("teacher:") && code.indexOf('/') > 8) {
            int slash = code.indexOf('/');
            return teacher(code.substring(8, slash), code.substring(slash + 1));
        }
        throw new IllegalArgumentException("not an audience: " + code);
    }
}
