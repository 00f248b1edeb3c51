package org.gigaplan.platform.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.function.Function;

import org.gigaplan.plan.model.FiscalYear;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The platform's one JSON configuration: strict on input, ISO-8601 for java.time, and no date outside the fiscal
 * years the platform handles ({@link FiscalYear#FIRST_DAY} to {@link FiscalYear#LAST_DAY}).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("gigaplan-date-range")
                    .addDeserializer(LocalDate.class, new InRange<>(LocalDate.class, LocalDateDeserializer.INSTANCE,
                            d -> d))
                    .addDeserializer(Instant.class, new InRange<>(Instant.class, InstantDeserializer.INSTANT,
                            i -> LocalDate.ofInstant(i, ZoneOffset.UTC)))
                    .addDeserializer(OffsetDateTime.class, new InRange<>(OffsetDateTime.class,
                            InstantDeserializer.OFFSET_DATE_TIME, OffsetDateTime::toLocalDate)))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A field's error is answered in one language (ProblemLanguage picks it): its Japanese is not a member.
            .addMixIn(FieldError.class, FieldErrorJson.class)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // 1.5 is not a whole number: never stored as 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // A number or true is not a name: never stored as "12345".
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties("japanese")
    private abstract static class FieldErrorJson {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Turns a Jackson failure into input errors that name the JSON path at fault. */
    public static InvalidInputException invalidInput(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            var loc = e.getLocation();
            return new InvalidInputException("body", "malformed JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        if (e instanceof JsonMappingException m) {
            String field = path(m);
            String detail;
            if (m instanceof UnrecognizedPropertyException u) {
                field = field.isEmpty() ? u.getPropertyName() : field;
                detail = "unknown field";
            } else if (m instanceof InvalidFormatException f) {
                detail = "cannot read " + describe(f.getValue()) + " as " + typeName(f.getTargetType());
            } else if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
                // A missing number or boolean reaches Jackson as null for a primitive.
                boolean missing = mi.getOriginalMessage() != null && mi.getOriginalMessage().contains("`null`");
                detail = (missing ? "required: " : "expected ") + typeName(mi.getTargetType());
            } else {
                detail = firstLine(m.getOriginalMessage());
            }
            return new InvalidInputException(List.of(new FieldError(field.isEmpty() ? "body" : field, detail)));
        }
        return new InvalidInputException("body", firstLine(e.getOriginalMessage()));
    }

    /** A java.time value read as usual, then refused as a bad format when its day lies outside the handled range. */
    private static final class InRange<T extends Temporal> extends StdDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final transient JsonDeserializer<T> delegate;
        private final transient Function<T, LocalDate> day;

        InRange(Class<T> type, JsonDeserializer<T> delegate, Function<T, LocalDate> day) {
            super(type);
            this.delegate = delegate;
            this.day = day;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = delegate.deserialize(p, ctxt);
            if (value != null && !FiscalYear.handles(day.apply(value))) {
                throw InvalidFormatException.from(p, "outside " + FiscalYear.range(), p.getText(), handledType());
            }
            return value;
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return sb.toString();
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == LocalDate.class) {
            return FiscalYear.range() + " (YYYY-MM-DD)";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "an ISO-8601 time with its offset such as 2025-06-02T10:00:00+09:00, " + FiscalYear.range();
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
