package org.gigaplan.platform.internal;

import java.util.List;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The platform's one JSON configuration: strict on input, ISO-8601 for java.time. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private Json() {
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
