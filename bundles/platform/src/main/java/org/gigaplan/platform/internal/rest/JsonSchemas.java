package org.gigaplan.platform.internal.rest;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAPI schemas of the Java types resources take and return, as the platform's JSON provider writes them: records
 * are objects of their components, collections arrays, maps objects, enums strings of their names, java.time types
 * strings in ISO 8601. Deep or recursive types end in an open object.
 */
final class JsonSchemas {

    private static final int MAX_DEPTH = 6;

    private JsonSchemas() {
    }

    static Map<String, Object> of(Type type) {
        return of(type, 0);
    }

    private static Map<String, Object> record(Class<?> c, Map<String, Type> bound, int depth) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            properties.put(rc.getName(), of(substitute(rc.getGenericType(), bound), depth + 1));
        }
        return Map.of("type", "object", "properties", properties);
    }

    /** T → its argument; List&lt;T&gt; → List of the argument; anything else as it is. */
    private static Type substitute(Type type, Map<String, Type> bound) {
        if (type instanceof TypeVariable<?> v && bound.containsKey(v.getName())) {
            return bound.get(v.getName());
        }
        if (type instanceof ParameterizedType p && !bound.isEmpty()) {
            Type[] args = Arrays.stream(p.getActualTypeArguments()).map(a -> substitute(a, bound)).toArray(Type[]::new);
            return new ParameterizedType() {
                public Type[] getActualTypeArguments() {
                    return args;
                }

                public Type getRawType() {
                    return p.getRawType();
                }

                public Type getOwnerType() {
                    return p.getOwnerType();
                }
            };
        }
        return type;
    }

    private static Map<String, Object> of(Type type, int depth) {
        if (type instanceof WildcardType w) {
            return of(w.getUpperBounds()[0], depth);
        }
        if (type instanceof TypeVariable<?> || depth > MAX_DEPTH) {
            return Map.of("type", "object");
        }
        if (type instanceof GenericArrayType a) {
            return Map.of("type", "array", "items", of(a.getGenericComponentType(), depth + 1));
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", of(args[0], depth + 1));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", of(args[1], depth + 1));
            }
            if (raw == Optional.class) {
                return of(args[0], depth);
            }
            if (raw.isRecord()) {
                // A generic record (a Page of something): its components with the type arguments put in.
                Map<String, Type> bound = new LinkedHashMap<>();
                TypeVariable<?>[] variables = raw.getTypeParameters();
                for (int i = 0; i < variables.length; i++) {
                    bound.put(variables[i].getName(), args[i]);
                }
                return record(raw, bound, depth);
            }
            return of(raw, depth);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == char.class || c == Character.class) {
            return Map.of("type", "string");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
                || c == Short.class) {
            return Map.of("type", "integer");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class
                || Number.class.isAssignableFrom(c)) {
            return Map.of("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == LocalDate.class) {
            return Map.of("type", "string", "format", "date");
        }
        if (c == Instant.class || c == OffsetDateTime.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == YearMonth.class) {
            return Map.of("type", "string", "example", "2025-04");
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name())
                    .toList());
        }
        if (c.isArray()) {
            return Map.of("type", "array", "items", of(c.getComponentType(), depth + 1));
        }
        if (c.isRecord()) {
            return record(c, Map.of(), depth);
        }
        if (Collection.class.isAssignableFrom(c)) {
            return Map.of("type", "array", "items", Map.of());
        }
        return Map.of("type", "object");
    }
}
