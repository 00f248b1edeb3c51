package org.gigaplan.environment.internal.lrs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gigaplan.plan.rest.InvalidInputException;

/**
 * The forms a Statement is returned in (xAPI 1.0.3 Communication 2.1.3, {@code format}): {@code exact} as stored;
 * {@code ids} with Agents, Groups, Activities and Verbs by their identifiers only; {@code canonical} with every
 * language map reduced to the one language the client prefers ({@code Accept-Language}), else its first.
 */
public final class StatementFormats {

    private static final List<String> IDENTIFIERS = List.of("mbox", "mbox_sha1sum", "openid", "account");

    private StatementFormats() {
    }

    /** Checks a {@code format} parameter: exact (also when absent), ids or canonical. */
    public static String of(String format) {
        String f = format == null ? "exact" : format.trim().toLowerCase(Locale.ROOT);
        if (!List.of("exact", "ids", "canonical").contains(f)) {
            throw new InvalidInputException("format", "exact, ids or canonical, was \"" + format + "\"");
        }
        return f;
    }

    /** A Statement in a format; {@code languages} are the client's, most preferred first. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> statement, String format, List<Locale> languages) {
        if ("exact".equals(format)) {
            return statement;
        }
        return (Map<String, Object>) walk(statement, "", format, languages);
    }

    private static Object walk(Object value, String key, String format, List<Locale> languages) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(walk(v, key, format, languages)));
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if ("ids".equals(format)) {
            Map<String, Object> reduced = ids(map, key);
            if (reduced != null) {
                return reduced;
            }
        } else if (List.of("display", "name", "description").contains(key) && isLanguageMap(map)) {
            return canonical(map, languages);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), "extensions".equals(k) ? v
                : walk(v, String.valueOf(k), format, languages)));
        return out;
    }

    /** An Agent, Group, Activity or Verb by its identifiers; null for any other object. */
    private static Map<String, Object> ids(Map<?, ?> map, String key) {
        Object type = map.get("objectType");
        boolean agent = "Agent".equals(type) || "Group".equals(type)
                || type == null && IDENTIFIERS.stream().anyMatch(map::containsKey)
                && List.of("actor", "authority", "instructor", "team", "object", "member").contains(key);
        if (agent) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (type != null) {
                out.put("objectType", type);
            }
            IDENTIFIERS.stream().filter(map::containsKey).forEach(i -> out.put(i, map.get(i)));
            if ("Group".equals(type) && IDENTIFIERS.stream().noneMatch(map::containsKey) && map.get("member") != null) {
                List<Object> members = new ArrayList<>();
                ((List<?>) map.get("member")).forEach(m -> members.add(ids((Map<?, ?>) m, "member")));
                out.put("member", members);
            }
            return out;
        }
        boolean activity = ("Activity".equals(type) || type == null && map.containsKey("id") && !map.containsKey("verb"))
                && List.of("object", "parent", "grouping", "category", "other").contains(key);
        if (activity || "verb".equals(key)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", map.get("id"));
            return out;
        }
        return null;
    }

    private static boolean isLanguageMap(Map<?, ?> map) {
        return !map.isEmpty() && map.values().stream().allMatch(v -> v instanceof String);
    }

    /** The one entry of a language map in the most preferred language it has, else its first. */
    private static Map<String, Object> canonical(Map<?, ?> map, List<Locale> languages) {
        for (Locale wanted : languages) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Locale tag = Locale.forLanguageTag(String.valueOf(e.getKey()));
                if (tag.equals(wanted) || wanted.getCountry().isEmpty() && tag.getLanguage().equals(wanted.getLanguage())) {
                    return Map.of(String.valueOf(e.getKey()), e.getValue());
                }
            }
        }
        Map.Entry<?, ?> first = map.entrySet().iterator().next();
        return Map.of(String.valueOf(first.getKey()), first.getValue());
    }
}
