package org.gigaplan.plan.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToTheFirstPage() {
        assertEquals(new PageRequest(0, GigaPlanRest.DEFAULT_PAGE_SIZE), PageRequest.of(null, null));
        assertEquals(new PageRequest(20, 10), PageRequest.of(20, 10));
    }

    @Test
    void namesTheParameterOutOfRange() {
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> PageRequest.of(0, 0))
                .errors().get(0).field());
        assertEquals("limit", assertThrows(InvalidInputException.class,
                () -> PageRequest.of(0, GigaPlanRest.MAX_PAGE_SIZE + 1)).errors().get(0).field());
        assertEquals("offset", assertThrows(InvalidInputException.class, () -> PageRequest.of(-1, 5))
                .errors().get(0).field());
    }
}
