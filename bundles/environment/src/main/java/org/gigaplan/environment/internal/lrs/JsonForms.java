package org.gigaplan.environment.internal.lrs;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gigaplan.plan.rest.FieldChecks;

/** The forms of xAPI's JSON values, each fault reported under the field it is in. */
abstract class JsonForms {

    /** RFC 5646 language tags, as far as their shape: {@code ja}, {@code ja-JP}, {@code en-US}, {@code zh-Hant-TW}. */
    static final Pattern LANGUAGE = Pattern.compile("(?i)([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4,8})"
            + "(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*"
            + "(-x(-[a-z0-9]{1,8})+)?|x(-[a-z0-9]{1,8})+|und");

    /** A time whose offset is xAPI's "unknown" (-00, -0000, -00:00): compiled once, as every statement has a time. */
    private static final Pattern UNKNOWN_OFFSET = Pattern.compile(".*T.*-00(:?00)?");

    final FieldChecks check;

    JsonForms(FieldChecks check) {
        this.check = check;
    }

    static String join(String at, String property) {
        return at.isEmpty() ? property : at + "." + property;
    }

    // ------------------------------------------------------------------------------------------------ forms

    Map<?, ?> object(Object raw, String at, String what) {
        if (raw instanceof Map<?, ?> m) {
            return m;
        }
        check.add(at, "must be " + what + (raw == null ? ", was null" : ""));
        return null;
    }

    List<?> array(Object raw, String at) {
        if (raw instanceof List<?> l) {
            return l;
        }
        check.add(at, "must be an array");
        return null;
    }

    void properties(Map<?, ?> m, String at, Set<String> allowed, String what) {
        m.forEach((k, v) -> {
            if (!allowed.contains(String.valueOf(k))) {
                check.add(join(at, String.valueOf(k)), "not a property of " + what);
            } else if (v == null) {
                check.add(join(at, String.valueOf(k)), "must not be null");
            }
        });
    }

    void require(Map<?, ?> m, String at, String... properties) {
        for (String p : properties) {
            if (!m.containsKey(p)) {
                check.add(join(at, p), "required");
            }
        }
    }

    void iri(Object value, String at) {
        if (value instanceof String s && !s.isBlank()) {
            try {
                if (URI.create(s.replace(" ", "%20")).getScheme() != null) {
                    return;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        check.add(at, "an absolute IRI, was " + value);
    }

    void uuid(Object value, String at) {
        if (value instanceof String s && s.length() == 36) {
            try {
                UUID.fromString(s);
                return;
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        check.add(at, "a UUID, was " + value);
    }

    void timestamp(Object value, String at) {
        if (value instanceof String s && UNKNOWN_OFFSET.matcher(s).matches()) {
            check.add(at, "an unknown offset (-00, -0000, -00:00) is not a time: give its offset, or Z, was " + s);
            return;
        }
        if (value instanceof String s) {
            try {
                OffsetDateTime.parse(s);
                return;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        check.add(at, "an ISO 8601 time with its offset (2025-06-02T10:00:00+09:00), was " + value);
    }

    void languageMap(Object raw, String at) {
        Map<?, ?> m = object(raw, at, "a language map {\"ja-JP\": \"…\"}");
        if (m == null) {
            return;
        }
        m.forEach((k, v) -> {
            if (!LANGUAGE.matcher(String.valueOf(k)).matches()) {
                check.add(join(at, String.valueOf(k)), "not an RFC 5646 language tag");
            } else if (!(v instanceof String)) {
                check.add(join(at, String.valueOf(k)), "a string");
            }
        });
    }

    void extensions(Object raw, String at) {
        Map<?, ?> m = object(raw, at, "extensions {IRI: value}");
        if (m != null) {
            m.keySet().forEach(k -> iri(k, join(at, String.valueOf(k))));
        }
    }

    Double number(Map<?, ?> m, String key, String at) {
        if (!m.containsKey(key)) {
            return null;
        }
        if (m.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        check.add(join(at, key), "a number, was " + m.get(key));
        return null;
    }
}
