package org.gigaplan.plan.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void theBoardReachesEverySchoolOthersOnlyTheirOwn() {
        Caller board = new Caller("sato", Role.BOARD, null);
        Caller school = new Caller("suzuki", Role.SCHOOL, "S-E01");
        Caller agent = new Caller("drill-vendor", Role.AGENT, "S-E01");
        assertTrue(board.mayAccessSchool("S-E02"));
        assertTrue(school.mayAccessSchool("S-E01"));
        assertFalse(school.mayAccessSchool("S-E02"));
        assertFalse(agent.mayAccessSchool("S-E02"));
        assertDoesNotThrow(() -> school.requireSchool("S-E01"));
        AccessDeniedException refused = assertThrows(AccessDeniedException.class, () -> school.requireSchool("S-E02"));
        assertFalse(refused.getMessage().contains("S-E02"), "whose a record is, is not told: " + refused.getMessage());
    }

    @Test
    void schoolAndAgentCallersBelongToASchool() {
        assertThrows(IllegalArgumentException.class, () -> new Caller("x", Role.SCHOOL, null));
        assertThrows(IllegalArgumentException.class, () -> new Caller("x", Role.AGENT, " "));
        assertThrows(IllegalArgumentException.class, () -> new Caller("x", Role.TEACHER, "S-E01"));
        assertThrows(IllegalArgumentException.class, () -> new Caller("x", Role.SCHOOL, "S-E01", "T01"));
    }

    @Test
    void aTeacherReachesTheirOwnRecordsOnly() {
        Caller teacher = new Caller("tanaka", Role.TEACHER, "S-E01", "T01");
        assertTrue(teacher.mayAccessTeacher("S-E01", "T01"));
        assertFalse(teacher.mayAccessTeacher("S-E01", "T02"));
        assertFalse(teacher.mayAccessTeacher("S-E02", "T01"));
        assertTrue(new Caller("suzuki", Role.SCHOOL, "S-E01").mayAccessTeacher("S-E01", "T02"));
        assertTrue(new Caller("sato", Role.BOARD, null).mayAccessTeacher("S-E02", "T09"));
        assertThrows(AccessDeniedException.class, () -> teacher.requireTeacher("S-E01", "T02"));
    }
}
