package org.gigaplan.platform.internal.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

import javax.ws.rs.CookieParam;
import javax.ws.rs.FormParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.MatrixParam;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.ext.ParamConverter;
import javax.ws.rs.ext.ParamConverterProvider;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * Converts typed request parameters (numbers, booleans, dates, instants), answering a value that does not convert with 400 naming the parameter.
 * Without it JAX-RS answers a bad query or path parameter with a bare 404. Every resource of every module in
 * the application gets this, so resources declare {@code @QueryParam("limit") Integer limit} and the
 * OpenAPI document shows the real type.
 */
public class ParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Converter<>(name, "a whole number", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Converter<>(name, "a whole number", Long::valueOf);
        }
        if (rawType == Double.class || rawType == double.class) {
            return (ParamConverter<T>) new Converter<>(name, "a number", Double::valueOf);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) new Converter<>(name, "true or false", ParamConverters::bool);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) new Converter<>(name, "an ISO-8601 instant such as 2025-04-01T00:00:00Z, "
                    + FiscalYear.range(), raw -> {
                        Instant at = Instant.parse(raw);
                        return handled(at, LocalDate.ofInstant(at, ZoneOffset.UTC));
                    });
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new Converter<>(name, FiscalYear.range() + " such as 2025-04-01",
                    raw -> {
                        LocalDate day = LocalDate.parse(raw);
                        return handled(day, day);
                    });
        }
        return null;
    }

    /** A date or time outside the fiscal years the platform handles is refused like one that does not parse. */
    private static <T> T handled(T value, LocalDate day) {
        if (!FiscalYear.handles(day)) {
            throw new IllegalArgumentException(day + " is outside the handled range");
        }
        return value;
    }

    private static Boolean bool(String raw) {
        return switch (raw) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(raw);
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            } else if (a instanceof PathParam p) {
                return p.value();
            } else if (a instanceof HeaderParam h) {
                return h.value();
            } else if (a instanceof FormParam f) {
                return f.value();
            } else if (a instanceof MatrixParam m) {
                return m.value();
            } else if (a instanceof CookieParam c) {
                return c.value();
            }
        }
        return "parameter";
    }

    private record Converter<T>(String name, String expected, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw refuse(value);
            }
        }

        private WebApplicationException refuse(String value) {
            return new WebApplicationException(
                    Problem.invalid(List.of(new FieldError(name, expected + ", was \"" + value + "\""))).toResponse());
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
