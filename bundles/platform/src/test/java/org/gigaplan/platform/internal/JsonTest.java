package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Dates in request bodies: read as ISO-8601, refused by path outside the fiscal years the platform handles. */
class JsonTest {

    record Dated(LocalDate on, Instant at, OffsetDateTime when) {
    }

    private static FieldError refused(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> Json.mapper().readValue(json, Dated.class));
        return Json.invalidInput(e).errors().get(0);
    }

    @Test
    void datesInsideTheRangeAreRead() throws JsonProcessingException {
        Dated d = Json.mapper().readValue("{\"on\":\"1990-04-01\",\"at\":\"2101-03-30T00:00:00Z\","
                + "\"when\":\"2026-11-30T10:00:00+09:00\"}", Dated.class);
        assertEquals(LocalDate.of(1990, 4, 1), d.on());
        assertEquals(Instant.parse("2026-11-30T01:00:00Z"), d.when().toInstant());
    }

    @Test
    void datesOutsideTheRangeAreRefusedNamingTheFieldAndTheRange() {
        FieldError early = refused("{\"on\":\"1989-12-31\"}");
        assertEquals("on", early.field());
        assertEquals("cannot read \"1989-12-31\" as a date from 1990-04-01 to 2101-03-31 (YYYY-MM-DD)", early.detail());
        assertEquals("at", refused("{\"at\":\"1800-01-01T00:00:00Z\"}").field());
        assertEquals("when", refused("{\"when\":\"2200-01-01T00:00:00+09:00\"}").field());
        assertEquals("on", refused("{\"on\":\"2025-02-30\"}").field(), "a day that does not exist");
    }

    record Counted(Integer grade, Integer count, String className, Double devices) {
    }

    private static FieldError refusedCount(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> Json.mapper().readValue(json, Counted.class));
        return Json.invalidInput(e).errors().get(0);
    }

    @Test
    void numbersAndTextAreNeverCoercedIntoOneAnother() throws JsonProcessingException {
        assertEquals(new Counted(1, 3, "1-1", 2.5),
                Json.mapper().readValue("{\"grade\":1,\"count\":3,\"className\":\"1-1\",\"devices\":2.5}", Counted.class));
        assertEquals("grade", refusedCount("{\"grade\":1.5}").field(), "1.5 is not stored as 1");
        assertEquals("count", refusedCount("{\"count\":3.7}").field(), "3.7 is not stored as 3");
        assertEquals("className", refusedCount("{\"className\":12345}").field(), "a number is not a name");
        assertEquals("className", refusedCount("{\"className\":true}").field());
        assertEquals("grade", refusedCount("{\"grade\":\"1\"}").field(), "text is not a number");
    }
}
