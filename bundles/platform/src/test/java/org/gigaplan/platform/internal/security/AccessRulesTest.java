package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.security.Role;
import org.junit.jupiter.api.Test;

/** Which roles a resource method allows, and how JAAS roles map to callers. */
class AccessRulesTest {

    static class Unmarked {
        public void plain() {
        }

        @Public
        public void open() {
        }

        @Allow({ Role.BOARD, Role.AGENT })
        public void agents() {
        }
    }

    @Allow(Role.SCHOOL)
    static class Schools {
        public void plain() {
        }

        @Public
        public void open() {
        }
    }

    @Public
    static class Open {
        public void plain() {
        }

        @Allow(Role.BOARD)
        public void closed() {
        }
    }

    private static Set<Role> allowed(Class<?> type, String method) throws NoSuchMethodException {
        return AccessFilter.allowed(type.getMethod(method), type);
    }

    @Test
    void withoutAnnotationsOnlyTheBoard() throws Exception {
        assertEquals(EnumSet.of(Role.BOARD), allowed(Unmarked.class, "plain"));
    }

    @Test
    void theMethodsAnnotationWinsOverItsClass() throws Exception {
        assertNull(allowed(Unmarked.class, "open"));
        assertEquals(EnumSet.of(Role.BOARD, Role.AGENT), allowed(Unmarked.class, "agents"));
        assertEquals(EnumSet.of(Role.SCHOOL), allowed(Schools.class, "plain"));
        assertNull(allowed(Schools.class, "open"));
        assertNull(allowed(Open.class, "plain"));
        assertEquals(EnumSet.of(Role.BOARD), allowed(Open.class, "closed"));
    }

    @Test
    void jaasRolesMakeTheCaller() {
        assertEquals(Optional.of(new Caller("sato", Role.BOARD, null)),
                Logins.caller("sato", Set.of("board", "school@S-E01", "admin")));
        assertEquals(Optional.of(new Caller("suzuki", Role.SCHOOL, "S-E01")),
                Logins.caller("suzuki", Set.of("school@S-E01", "viewer")));
        assertTrue(Logins.caller("karaf", Set.of("admin", "manager", "school@")).isEmpty());
        assertEquals(Optional.of(new Caller("tanaka", Role.TEACHER, "S-E01", "T01")),
                Logins.caller("tanaka", Set.of("teacher@S-E01/T01")));
        assertEquals(Optional.of(new Caller("tanaka", Role.SCHOOL, "S-E01")),
                Logins.caller("tanaka", Set.of("teacher@S-E01/T01", "school@S-E01")), "staff wins over teacher");
        assertTrue(Logins.caller("x", Set.of("teacher@S-E01", "teacher@/T01", "teacher@S-E01/")).isEmpty());
        assertEquals(Optional.of(new Caller("hanako@example.org", Role.LEARNER, "S-E01")),
                Logins.caller("hanako@example.org", Set.of("learner@S-E01")));
        assertEquals(Optional.of(new Caller("tanaka", Role.TEACHER, "S-E01", "T01")),
                Logins.caller("tanaka", Set.of("learner@S-E01", "teacher@S-E01/T01")), "teacher wins over learner");
        assertTrue(Logins.caller("x", Set.of("learner@", "learner@S-E01/T01")).isEmpty());
    }
}
