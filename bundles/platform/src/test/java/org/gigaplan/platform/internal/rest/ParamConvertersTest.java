package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.LocalDate;

import javax.ws.rs.QueryParam;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.ext.ParamConverter;

import org.junit.jupiter.api.Test;

class ParamConvertersTest {

    private static QueryParam query(String name) {
        return new QueryParam() {
            @Override
            public String value() {
                return name;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return QueryParam.class;
            }
        };
    }

    private static <T> ParamConverter<T> converter(Class<T> type, String name) {
        return new ParamConverters().getConverter(type, type, new Annotation[] { query(name) });
    }

    @Test
    void convertsGoodValues() {
        assertEquals(42, converter(Integer.class, "limit").fromString(" 42 "));
        assertEquals(LocalDate.of(2026, 3, 31), converter(LocalDate.class, "date").fromString("2026-03-31"));
        assertEquals(Boolean.TRUE, converter(Boolean.class, "demo").fromString("true"));
        assertNull(converter(String.class, "name"), "strings need no converter");
    }

    @Test
    void refusesBadValuesWith400NamingTheParameter() {
        WebApplicationException e = assertThrows(WebApplicationException.class,
                () -> converter(Integer.class, "limit").fromString("abc"));
        assertEquals(400, e.getResponse().getStatus());
        Problem problem = (Problem) e.getResponse().getEntity();
        assertEquals("limit", problem.field());
        assertEquals("a whole number, was \"abc\"", problem.errors().get(0).detail());
        assertEquals("date", ((Problem) assertThrows(WebApplicationException.class,
                () -> converter(LocalDate.class, "date").fromString("2025-13-01")).getResponse().getEntity()).field());
        assertThrows(WebApplicationException.class, () -> converter(Boolean.class, "demo").fromString("yes"));
    }

    @Test
    void refusesDatesOutsideTheFiscalYearsThePlatformHandlesNamingTheRange() {
        Problem early = (Problem) assertThrows(WebApplicationException.class,
                () -> converter(LocalDate.class, "date").fromString("1800-01-01")).getResponse().getEntity();
        assertEquals("date", early.field());
        assertEquals("a date from 1990-04-01 to 2101-03-31 such as 2025-04-01, was \"1800-01-01\"",
                early.errors().get(0).detail());
        assertEquals(400, early.status());
        assertThrows(WebApplicationException.class, () -> converter(Instant.class, "since").fromString("2200-01-01T00:00:00Z"));
        assertEquals(LocalDate.of(1990, 4, 1), converter(LocalDate.class, "date").fromString("1990-04-01"));
    }
}
