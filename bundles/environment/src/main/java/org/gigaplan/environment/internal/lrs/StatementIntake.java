package org.gigaplan.environment.internal.lrs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.gigaplan.environment.internal.XapiService;
import org.gigaplan.environment.internal.store.LrsStore;
import org.gigaplan.environment.internal.store.XapiStore;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FieldChecks;

/**
 * How a posted Statement becomes what the LRS keeps: checked by {@link StatementRules}, completed with what the LRS
 * sets, counted in a row for the views (the learner's pseudonym, verb, activity, score, class), kept whole as the
 * deployment keeps bodies; and whether one posted again is the one kept.
 */
public final class StatementIntake {

    private final StatementBodies bodies;
    private final BiFunction<Object, String, String> pseudonym;
    private final BiFunction<Map<String, Object>, String, String> rosterClass;
    private final UnaryOperator<Map<String, Object>> pseudonymous;

    /**
     * @param pseudonym    an actor (and the field it is in) to the learner's pseudonym
     * @param rosterClass  a Statement and a school to its class on the roster (the one its context names, else the
     *                     learner's homeroom), or null
     * @param pseudonymous a Statement to the same with the pseudonym as actor
     */
    public StatementIntake(StatementBodies bodies, BiFunction<Object, String, String> pseudonym,
            BiFunction<Map<String, Object>, String, String> rosterClass, UnaryOperator<Map<String, Object>> pseudonymous) {
        this.bodies = bodies;
        this.pseudonym = pseudonym;
        this.rosterClass = rosterClass;
        this.pseudonymous = pseudonymous;
    }

    /**
     * A Statement checked whole (xAPI 1.0.3) and made ready to keep: its id (made when absent), {@code timestamp}
     * (the time stored when absent), {@code stored}, {@code authority} (the poster) and {@code version} set; the row
     * of what the views count; the body as the deployment keeps it.
     */
    public XapiStore.Row row(Object raw, String at, String schoolId, Instant now, boolean demo, String by,
            boolean v2, FieldChecks check) {
        String p = at.isEmpty() ? "" : at + ".";
        int before = check.errors().size();
        StatementRules.statement(raw, at, v2, check);
        if (check.errors().size() > before) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        ((Map<?, ?>) raw).forEach((k, v) -> s.put(String.valueOf(k), v));
        String id = s.get("id") instanceof String given ? given.toLowerCase(java.util.Locale.ROOT)
                : UUID.randomUUID().toString();
        Instant when = now;
        if (s.get("timestamp") instanceof String ts) {
            when = OffsetDateTime.parse(ts).toInstant();
            if (!FiscalYear.handles(LocalDate.ofInstant(when, ZoneOffset.UTC))) {
                check.add(p + "timestamp", FiscalYear.range() + ", was " + ts);
            } else if (when.isAfter(now)) {
                // xAPI takes a time to come; the views count it when it was stored, not in a week not yet here.
                when = now;
            }
        }
        Map<String, Object> filled = new LinkedHashMap<>();
        filled.put("id", id);
        filled.putAll(s);
        filled.put("id", id);
        filled.putIfAbsent("timestamp", now.toString());
        filled.put("stored", now.toString());
        filled.put("authority", Map.of("objectType", "Agent", "account", Map.of("homePage", XapiService.AUTHORITY_HOME,
                "name", by)));
        filled.putIfAbsent("version", v2 ? XapiService.VERSION_2 : "1.0.0");
        arrays(filled);
        if (filled.get("object") instanceof Map<?, ?> sub && "SubStatement".equals(sub.get("objectType"))) {
            Map<String, Object> copy = new LinkedHashMap<>();
            sub.forEach((k, v) -> copy.put(String.valueOf(k), v));
            arrays(copy);
            filled.put("object", copy);
        }
        String learner = pseudonym.apply(s.get("actor"), p + "actor");
        Map<?, ?> verb = (Map<?, ?>) s.get("verb");
        Map<?, ?> object = (Map<?, ?>) s.get("object");
        boolean isActivity = !object.containsKey("objectType") || "Activity".equals(object.get("objectType"));
        Map<?, ?> result = s.get("result") instanceof Map<?, ?> r ? r : Map.of();
        Double scaled = result.get("score") instanceof Map<?, ?> score && score.get("scaled") instanceof Number n
                ? n.doubleValue() : null;
        Map<?, ?> context = s.get("context") instanceof Map<?, ?> c ? c : Map.of();
        String classRef = null;
        if (context.get("extensions") instanceof Map<?, ?> ext) {
            for (Map.Entry<?, ?> e : ext.entrySet()) {
                if (String.valueOf(e.getKey()).endsWith("/class") && e.getValue() != null) {
                    classRef = String.valueOf(e.getValue()).trim();
                    if (classRef.length() > 32) {
                        check.add(p + "context.extensions", "a class of at most 32 characters");
                    }
                }
            }
        }
        if (classRef == null) {
            classRef = rosterClass.apply(s, schoolId);
        }
        String activity = isActivity ? String.valueOf(object.get("id")) : null;
        if (activity != null && activity.length() > 500) {
            check.add(p + "object.id", "at most 500 characters");
        }
        return new XapiStore.Row(id, schoolId, classRef, learner, String.valueOf(verb.get("id")),
                first(verb.get("display")), activity,
                isActivity && object.get("definition") instanceof Map<?, ?> d ? first(d.get("name")) : null, scaled,
                result.get("success") instanceof Boolean b ? b : null,
                result.get("completion") instanceof Boolean b ? b : null, when, now, demo,
                context.get("registration") instanceof String reg ? reg.toLowerCase(java.util.Locale.ROOT) : null,
                bodies.seal(filled, pseudonymous),
                "StatementRef".equals(object.get("objectType")) ? String.valueOf(object.get("id"))
                        .toLowerCase(java.util.Locale.ROOT) : null);
    }

    /**
     * Whether a Statement posted again is the one kept: the same but for what the LRS set ({@code stored},
     * {@code authority}, {@code version}, a {@code timestamp} it filled in).
     */
    public static boolean same(Map<String, Object> kept, Map<String, Object> given) {
        Map<String, Object> a = new LinkedHashMap<>(kept);
        Map<String, Object> b = new LinkedHashMap<>(given);
        List<String> set = new ArrayList<>(List.of("stored", "authority", "version"));
        if (Objects.equals(given.get("timestamp"), given.get("stored"))) {
            set.add("timestamp");
        }
        set.forEach(a::remove);
        set.forEach(b::remove);
        return comparable(a).equals(comparable(b));
    }

    /** A Statement kept before Statements were kept whole, rebuilt from its row: the learner as their pseudonym. */
    public static Map<String, Object> rebuilt(XapiStore.Row r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", r.id());
        s.put("actor", XapiService.pseudonymActor(r.learner()));
        Map<String, Object> verb = new LinkedHashMap<>();
        verb.put("id", r.verb());
        if (r.verbDisplay() != null) {
            verb.put("display", Map.of("und", r.verbDisplay()));
        }
        s.put("verb", verb);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("objectType", "Activity");
        object.put("id", r.activity());
        if (r.activityName() != null) {
            object.put("definition", Map.of("name", Map.of("und", r.activityName())));
        }
        s.put("object", object);
        Map<String, Object> result = new LinkedHashMap<>();
        if (r.scoreScaled() != null) {
            result.put("score", Map.of("scaled", r.scoreScaled()));
        }
        if (r.success() != null) {
            result.put("success", r.success());
        }
        if (r.completion() != null) {
            result.put("completion", r.completion());
        }
        if (!result.isEmpty()) {
            s.put("result", result);
        }
        if (r.classRef() != null) {
            s.put("context", Map.of("extensions", Map.of("urn:gigaplan:class", r.classRef())));
        }
        s.put("timestamp", r.occurredAt().toString());
        s.put("stored", r.storedAt().toString());
        return s;
    }

    /**
     * What a Statement names besides its own actor and Activity, for the related filters: the Activities of its context
     * and its SubStatement, and the Agents and Groups of its object, context (instructor, team, xAPI 2.0's
     * contextAgents and contextGroups) and SubStatement, by their pseudonyms.
     */
    public LrsStore.Related related(Object statement) {
        java.util.Set<String> activities = new java.util.TreeSet<>();
        java.util.Set<String> agents = new java.util.TreeSet<>();
        collect((Map<?, ?>) statement, activities, agents, false);
        return new LrsStore.Related(activities, agents);
    }

    private void collect(Map<?, ?> s, java.util.Set<String> activities, java.util.Set<String> agents, boolean sub) {
        if (sub) {
            agent(s.get("actor"), agents);
        }
        if (s.get("object") instanceof Map<?, ?> o) {
            Object type = o.get("objectType");
            if ((type == null || "Activity".equals(type)) && sub) {
                activities.add(String.valueOf(o.get("id")));
            } else if ("Agent".equals(type) || "Group".equals(type)) {
                agent(o, agents);
            } else if ("SubStatement".equals(type)) {
                collect(o, activities, agents, true);
            }
        }
        if (s.get("context") instanceof Map<?, ?> c) {
            agent(c.get("instructor"), agents);
            agent(c.get("team"), agents);
            for (String kind : List.of("contextAgents", "contextGroups")) {
                if (c.get(kind) instanceof List<?> list) {
                    list.forEach(x -> agent(x instanceof Map<?, ?> m ? m.get(kind.equals("contextAgents") ? "agent"
                            : "group") : null, agents));
                }
            }
            if (c.get("contextActivities") instanceof Map<?, ?> lists) {
                lists.values().forEach(v -> (v instanceof List<?> l ? l : List.of(v)).forEach(a -> {
                    if (a instanceof Map<?, ?> activity && activity.get("id") != null) {
                        activities.add(String.valueOf(activity.get("id")));
                    }
                }));
            }
        }
    }

    private void agent(Object agent, java.util.Set<String> agents) {
        if (agent instanceof Map<?, ?>) {
            try {
                agents.add(pseudonym.apply(agent, "agent"));
            } catch (org.gigaplan.plan.rest.InvalidInputException e) {
                // A Group without an identifier or members names nobody to find it by.
            }
        }
    }

    /** A Statement as it compares: its result's duration to the hundredth of a second (xAPI 2.0). */
    static Map<String, Object> comparable(Map<String, Object> statement) {
        if (!(statement.get("result") instanceof Map<?, ?> result) || !result.containsKey("duration")) {
            return statement;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        result.forEach((k, v) -> r.put(String.valueOf(k), v));
        r.put("duration", ResultRules.compared(r.get("duration")));
        Map<String, Object> out = new LinkedHashMap<>(statement);
        out.put("result", r);
        return out;
    }

    static String first(Object languageMap) {
        if (languageMap instanceof Map<?, ?> m && !m.isEmpty()) {
            Object v = m.containsKey("ja-JP") ? m.get("ja-JP") : m.containsKey("en-US") ? m.get("en-US") : m.values().iterator().next();
            String s = String.valueOf(v);
            return s.length() > 200 ? s.substring(0, 200) : s;
        }
        return null;
    }

    /** xAPI returns each of contextActivities' lists as an array, a single Activity given too. */
    private static void arrays(Map<String, Object> statement) {
        if (statement.get("context") instanceof Map<?, ?> context
                && context.get("contextActivities") instanceof Map<?, ?> activities) {
            Map<String, Object> lists = new LinkedHashMap<>();
            activities.forEach((k, v) -> lists.put(String.valueOf(k), v instanceof List ? v : List.of(v)));
            Map<String, Object> copy = new LinkedHashMap<>();
            context.forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.put("contextActivities", lists);
            statement.put("context", copy);
        }
    }
}
