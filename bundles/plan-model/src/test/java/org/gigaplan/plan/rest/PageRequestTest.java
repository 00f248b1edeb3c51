package org.gigaplan.plan.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToTheFirstPage() {
        assertEquals(new PageRequest(0, GigaPlanRest.DEFAULT_PAGE_SIZE), PageRequest.parse(null, null));
        assertEquals(new PageRequest(20, 10), PageRequest.parse("20", " 10 "));
    }

    @Test
    void namesTheParameterAtFault() {
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> PageRequest.parse("0", "abc"))
                .errors().get(0).field());
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> PageRequest.parse("0", "0"))
                .errors().get(0).field());
        assertEquals("limit", assertThrows(InvalidInputException.class,
                () -> PageRequest.parse("0", String.valueOf(GigaPlanRest.MAX_PAGE_SIZE + 1))).errors().get(0).field());
        assertEquals("offset", assertThrows(InvalidInputException.class, () -> PageRequest.parse("-1", "5"))
                .errors().get(0).field());
        assertEquals("offset", assertThrows(InvalidInputException.class, () -> PageRequest.parse("1.5", "5"))
                .errors().get(0).field());
    }
}
