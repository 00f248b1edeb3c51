package org.gigaplan.environment.internal.lrs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.rest.FieldChecks;

/**
 * What xAPI 1.0.3 (Data, part two) requires of a Statement an LRS takes: each property of the right type and form,
 * no property a Statement does not have, no null, exactly one identifier per Agent, IRIs where IRIs belong, language
 * maps keyed by RFC 5646 tags, UUIDs, ISO 8601 times and durations, scores within their bounds, a voiding Statement
 * pointing at a Statement. Every fault is reported with the field it is in ({@code [2].context.instructor.mbox}).
 */
public final class StatementRules extends JsonForms {

    static final Set<String> STATEMENT = Set.of("id", "actor", "verb", "object", "result", "context", "timestamp",
            "stored", "authority", "version", "attachments");
    static final Set<String> SUB_STATEMENT = Set.of("objectType", "actor", "verb", "object", "result", "context",
            "timestamp", "attachments");
    static final Set<String> VERB = Set.of("id", "display");
    static final Set<String> STATEMENT_REF = Set.of("objectType", "id");
    static final Set<String> CONTEXT = Set.of("registration", "instructor", "team", "contextActivities", "revision",
            "platform", "language", "statement", "extensions");
    static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");
    static final Set<String> ATTACHMENT = Set.of("usageType", "display", "description", "contentType", "length",
            "sha2", "fileUrl");
    /** The verb that voids the Statement its object refers to. */
    public static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";


    /** What xAPI 2.0 adds to a Context: the Agents and Groups it involves, each with the types of their part. */
    static final Set<String> CONTEXT_2 = Set.of("registration", "instructor", "team", "contextActivities", "revision",
            "platform", "language", "statement", "extensions", "contextAgents", "contextGroups");
    static final Set<String> CONTEXT_AGENT = Set.of("objectType", "agent", "relevantTypes");
    static final Set<String> CONTEXT_GROUP = Set.of("objectType", "group", "relevantTypes");

    private final ActivityRules activities;
    private final ActorRules actors;
    /** Whether the Statement came in xAPI 2.0 (IEEE 9274.1.1), which takes a little more than 1.0.3. */
    private final boolean v2;

    private StatementRules(FieldChecks check) {
        this(check, false);
    }

    private StatementRules(FieldChecks check, boolean v2) {
        super(check);
        this.activities = new ActivityRules(check);
        this.actors = new ActorRules(check);
        this.v2 = v2;
    }

    /** Checks a JSON Agent (a parameter of the document resources): exactly one identifier, each of its form. */
    public static void agent(Object raw, String at, FieldChecks check) {
        new ActorRules(check).agentOrGroup(raw, at);
    }

    /** Checks an IRI (an activityId), a UUID (a registration) or a time (since) given as a parameter. */
    public static void parameter(String kind, Object value, String at, FieldChecks check) {
        StatementRules rules = new StatementRules(check);
        switch (kind) {
            case "iri" -> rules.iri(value, at);
            case "uuid" -> rules.uuid(value, at);
            default -> rules.timestamp(value, at);
        }
    }

    /** Checks a Statement as posted; its faults go into {@code check}, each under {@code at} (empty: the body). */
    public static void statement(Object raw, String at, FieldChecks check) {
        statement(raw, at, false, check);
    }

    /** The same, by xAPI 2.0's rules when {@code v2} (the request's version header said 2.0). */
    public static void statement(Object raw, String at, boolean v2, FieldChecks check) {
        new StatementRules(check, v2).statement(raw, at, false);
    }

    private void statement(Object raw, String at, boolean sub) {
        Map<?, ?> s = object(raw, at.isEmpty() ? "body" : at, sub ? "a SubStatement" : "a Statement");
        if (s == null) {
            return;
        }
        properties(s, at, sub ? SUB_STATEMENT : STATEMENT, sub ? "a SubStatement" : "a Statement");
        if (!sub && s.containsKey("id")) {
            uuid(s.get("id"), join(at, "id"));
        }
        require(s, at, "actor", "verb", "object");
        if (s.get("actor") != null) {
            actors.agentOrGroup(s.get("actor"), join(at, "actor"));
        }
        if (s.get("verb") != null) {
            verb(s.get("verb"), join(at, "verb"));
        }
        Object object = s.get("object");
        String objectType = null;
        if (object != null) {
            objectType = statementObject(object, join(at, "object"), sub);
        }
        if (s.containsKey("result")) {
            new ResultRules(check).result(s.get("result"), join(at, "result"));
        }
        if (s.containsKey("context")) {
            context(s.get("context"), join(at, "context"), objectType);
        }
        if (s.containsKey("timestamp")) {
            timestamp(s.get("timestamp"), join(at, "timestamp"));
        }
        if (s.containsKey("stored")) {
            timestamp(s.get("stored"), join(at, "stored"));
        }
        if (s.containsKey("authority")) {
            actors.authority(s.get("authority"), join(at, "authority"));
        }
        if (s.containsKey("version")) {
            if (!(s.get("version") instanceof String v) || !v.matches(v2 ? "[12]\\.0(\\.\\d+)?" : "1\\.0(\\.\\d+)?")) {
                check.add(join(at, "version"), (v2 ? "1.0.x or 2.0.x" : "1.0.x") + ", was " + s.get("version"));
            }
        }
        if (s.containsKey("attachments")) {
            List<?> list = array(s.get("attachments"), join(at, "attachments"));
            for (int i = 0; list != null && i < list.size(); i++) {
                attachment(list.get(i), join(at, "attachments") + "[" + i + "]");
            }
        }
        if (s.get("verb") instanceof Map<?, ?> verb && VOIDED.equals(verb.get("id"))
                && !"StatementRef".equals(objectType)) {
            check.add(join(at, "object"), "a voiding Statement's object is a StatementRef to the Statement it voids");
        }
    }

    private String statementObject(Object raw, String at, boolean sub) {
        Map<?, ?> o = object(raw, at, "an Activity, Agent, Group, StatementRef or SubStatement");
        if (o == null) {
            return null;
        }
        Object type = o.containsKey("objectType") ? o.get("objectType") : "Activity";
        switch (String.valueOf(type)) {
            case "Activity" -> activities.activity(o, at);
            case "Agent", "Group" -> actors.agentOrGroup(o, at);
            case "StatementRef" -> {
                properties(o, at, STATEMENT_REF, "a StatementRef");
                require(o, at, "id");
                uuid(o.get("id"), join(at, "id"));
            }
            case "SubStatement" -> {
                if (sub) {
                    check.add(join(at, "objectType"), "a SubStatement cannot hold another SubStatement");
                } else {
                    statement(o, at, true);
                }
            }
            default -> check.add(join(at, "objectType"), "Activity, Agent, Group, StatementRef or SubStatement, was "
                    + type);
        }
        return String.valueOf(type);
    }

    private void verb(Object raw, String at) {
        Map<?, ?> v = object(raw, at, "a Verb {id, display}");
        if (v == null) {
            return;
        }
        properties(v, at, VERB, "a Verb");
        require(v, at, "id");
        if (v.containsKey("id")) {
            iri(v.get("id"), join(at, "id"));
        }
        if (v.containsKey("display")) {
            languageMap(v.get("display"), join(at, "display"));
        }
    }

    private void context(Object raw, String at, String objectType) {
        Map<?, ?> c = object(raw, at, "a Context");
        if (c == null) {
            return;
        }
        properties(c, at, v2 ? CONTEXT_2 : CONTEXT, "a Context");
        if (v2) {
            contextActors(c, at, "contextAgents", "contextAgent", "agent", CONTEXT_AGENT);
            contextActors(c, at, "contextGroups", "contextGroup", "group", CONTEXT_GROUP);
        }
        if (c.containsKey("registration")) {
            uuid(c.get("registration"), join(at, "registration"));
        }
        if (c.containsKey("instructor")) {
            actors.agentOrGroup(c.get("instructor"), join(at, "instructor"));
        }
        if (c.containsKey("team")) {
            if (!(c.get("team") instanceof Map<?, ?> team) || !"Group".equals(team.get("objectType"))) {
                check.add(join(at, "team"), "a Group");
            } else {
                actors.agentOrGroup(team, join(at, "team"));
            }
        }
        for (String text : List.of("revision", "platform")) {
            if (c.containsKey(text)) {
                if (!(c.get(text) instanceof String)) {
                    check.add(join(at, text), "a string");
                } else if (objectType != null && !"Activity".equals(objectType)) {
                    check.add(join(at, text), "only for a Statement about an Activity");
                }
            }
        }
        if (c.containsKey("language") && !(c.get("language") instanceof String l && LANGUAGE.matcher(l).matches())) {
            check.add(join(at, "language"), "an RFC 5646 language tag, was " + c.get("language"));
        }
        if (c.containsKey("statement")) {
            String ref = join(at, "statement");
            Map<?, ?> s = object(c.get("statement"), ref, "a StatementRef");
            if (s != null) {
                properties(s, ref, STATEMENT_REF, "a StatementRef");
                if (!"StatementRef".equals(s.get("objectType"))) {
                    check.add(join(ref, "objectType"), "StatementRef");
                }
                uuid(s.get("id"), join(ref, "id"));
            }
        }
        if (c.containsKey("contextActivities")) {
            String ca = join(at, "contextActivities");
            Map<?, ?> activities = object(c.get("contextActivities"), ca, "contextActivities {parent, grouping, …}");
            if (activities != null) {
                properties(activities, ca, CONTEXT_ACTIVITIES, "contextActivities");
                activities.forEach((k, v) -> {
                    List<?> list = v instanceof List<?> l ? l : List.of(v);
                    for (int i = 0; i < list.size(); i++) {
                        String a = join(ca, String.valueOf(k)) + (v instanceof List ? "[" + i + "]" : "");
                        Map<?, ?> activity = object(list.get(i), a, "an Activity");
                        if (activity != null && activity.containsKey("objectType")
                                && !"Activity".equals(activity.get("objectType"))) {
                            check.add(join(a, "objectType"), "Activity");
                        } else if (activity != null) {
                            this.activities.activity(activity, a);
                        }
                    }
                });
            }
        }
        if (c.containsKey("extensions")) {
            extensions(c.get("extensions"), join(at, "extensions"));
        }
    }

    /** xAPI 2.0's contextAgents or contextGroups: an array of each kind's objects, their relevantTypes IRIs. */
    private void contextActors(Map<?, ?> c, String at, String key, String objectType, String actor,
            Set<String> properties) {
        if (!c.containsKey(key)) {
            return;
        }
        String field = join(at, key);
        if (!(c.get(key) instanceof List<?> list)) {
            check.add(field, "an array of " + objectType + " objects");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String a = field + "[" + i + "]";
            Map<?, ?> o = object(list.get(i), a, "a " + objectType);
            if (o == null) {
                continue;
            }
            properties(o, a, properties, "a " + objectType);
            if (!objectType.equals(o.get("objectType"))) {
                check.add(join(a, "objectType"), objectType + ", was " + o.get("objectType"));
            }
            require(o, a, actor);
            if (o.get(actor) != null) {
                if ("group".equals(actor) && !(o.get(actor) instanceof Map<?, ?> g && "Group".equals(g.get("objectType")))) {
                    check.add(join(a, actor), "a Group");
                } else {
                    actors.agentOrGroup(o.get(actor), join(a, actor));
                }
            }
            if (o.containsKey("relevantTypes")) {
                if (!(o.get("relevantTypes") instanceof List<?> types) || types.isEmpty()) {
                    check.add(join(a, "relevantTypes"), "a non-empty array of IRIs");
                } else {
                    for (int t = 0; t < types.size(); t++) {
                        iri(types.get(t), join(a, "relevantTypes") + "[" + t + "]");
                    }
                }
            }
        }
    }

    private void attachment(Object raw, String at) {
        Map<?, ?> a = object(raw, at, "an Attachment");
        if (a == null) {
            return;
        }
        properties(a, at, ATTACHMENT, "an Attachment");
        require(a, at, "usageType", "display", "contentType", "length", "sha2");
        if (a.containsKey("usageType")) {
            iri(a.get("usageType"), join(at, "usageType"));
        }
        for (String map : List.of("display", "description")) {
            if (a.containsKey(map)) {
                languageMap(a.get(map), join(at, map));
            }
        }
        if (a.containsKey("contentType") && !(a.get("contentType") instanceof String)) {
            check.add(join(at, "contentType"), "an Internet Media Type");
        }
        if (a.containsKey("length") && !(a.get("length") instanceof Integer || a.get("length") instanceof Long)) {
            check.add(join(at, "length"), "a whole number of octets");
        }
        if (a.containsKey("sha2") && !(a.get("sha2") instanceof String)) {
            check.add(join(at, "sha2"), "the SHA-2 of the attachment, hexadecimal");
        }
        if (a.containsKey("fileUrl")) {
            iri(a.get("fileUrl"), join(at, "fileUrl"));
        }
    }
}
