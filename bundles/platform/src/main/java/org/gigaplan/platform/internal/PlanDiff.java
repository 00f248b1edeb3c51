package org.gigaplan.platform.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.PlanVersion.Change;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What changed between two plans, field by field, as the plan's JSON names it. Arrays of things with a key (action
 * plans by fiscal year, items and indicators by id, policies by number, measures by code, targets by fiscal year)
 * are matched by that key, so moving or adding one names it rather than shifting every index after it.
 */
final class PlanDiff {

    /** Members that identify an element of an array, in the order they are looked for. */
    private static final List<String> KEYS = List.of("id", "code", "fiscalYear", "number");

    private PlanDiff() {
    }

    static List<Change> between(Plan before, Plan after) {
        List<Change> out = new ArrayList<>();
        diff("", Json.mapper().valueToTree(before), Json.mapper().valueToTree(after), out);
        // The data version changes with every version; it is the version's number, not a change anyone made.
        out.removeIf(c -> c.path().equals("dataVersion"));
        return out;
    }

    /**
     * Those of {@code changes} that touch a field {@code made} changed: the same field, a field inside it, or one it is
     * inside (an action plan dropped whole touches every target set in it), so that applying {@code changes} after
     * {@code made} would undo some of it.
     */
    static List<Change> touching(List<Change> changes, List<Change> made) {
        return changes.stream().filter(c -> made.stream().anyMatch(m -> within(c.path(), m.path())
                || within(m.path(), c.path()))).toList();
    }

    /** Whether the field {@code path} names is {@code outer}'s or inside it. */
    private static boolean within(String path, String outer) {
        return outer.isEmpty() || path.equals(outer) || path.startsWith(outer + ".") || path.startsWith(outer + "[");
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a == null || a.isNull() || b == null || b.isNull() || a.getNodeType() != b.getNodeType()
                || !(a.isObject() || a.isArray())) {
            if (!same(a, b)) {
                out.add(new Change(path, text(a), text(b)));
            }
            return;
        }
        if (a.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
            }
            return;
        }
        Map<String, JsonNode> left = keyed(a);
        Map<String, JsonNode> right = keyed(b);
        if (left == null || right == null) {
            if (!a.equals(b)) {
                out.add(new Change(path, text(a), text(b)));
            }
            return;
        }
        Set<String> keys = new LinkedHashSet<>(left.keySet());
        keys.addAll(right.keySet());
        for (String key : keys) {
            diff(path + "[" + key + "]", left.get(key), right.get(key), out);
        }
    }

    /** The elements by their key, or null when they have none (then the array is compared whole). */
    private static Map<String, JsonNode> keyed(JsonNode array) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext();) {
            JsonNode e = it.next();
            String key = e.isObject() ? KEYS.stream().filter(e::hasNonNull).findFirst().map(k -> e.get(k).asText())
                    .orElse(null) : null;
            if (key == null || out.put(key, e) != null) {
                return null;
            }
        }
        return out;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean noA = a == null || a.isNull();
        boolean noB = b == null || b.isNull();
        return noA || noB ? noA == noB : a.equals(b);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
    }
}
