package org.gigaplan.environment.internal.lrs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.rest.FieldChecks;

/** What xAPI 1.0.3 requires of an Activity and its definition (Data 2.4.4.1), each fault under its field. */
final class ActivityRules extends JsonForms {

    static final Set<String> ACTIVITY = Set.of("objectType", "id", "definition");
    static final Set<String> DEFINITION = Set.of("name", "description", "type", "moreInfo", "interactionType",
            "correctResponsesPattern", "choices", "scale", "source", "target", "steps", "extensions");
    static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in", "matching",
            "performance", "sequencing", "likert", "numeric", "other");
    static final Set<String> COMPONENT = Set.of("id", "description");
    static final Set<String> INTERACTION_PROPERTIES = Set.of("correctResponsesPattern", "choices", "scale", "source",
            "target", "steps");

    ActivityRules(FieldChecks check) {
        super(check);
    }

    void activity(Map<?, ?> o, String at) {
        properties(o, at, ACTIVITY, "an Activity");
        require(o, at, "id");
        if (o.containsKey("id")) {
            iri(o.get("id"), join(at, "id"));
        }
        if (!o.containsKey("definition")) {
            return;
        }
        String d = join(at, "definition");
        Map<?, ?> def = object(o.get("definition"), d, "an Activity Definition");
        if (def == null) {
            return;
        }
        properties(def, d, DEFINITION, "an Activity Definition");
        for (String map : List.of("name", "description")) {
            if (def.containsKey(map)) {
                languageMap(def.get(map), join(d, map));
            }
        }
        for (String iri : List.of("type", "moreInfo")) {
            if (def.containsKey(iri)) {
                iri(def.get(iri), join(d, iri));
            }
        }
        if (!def.containsKey("interactionType") && def.keySet().stream().anyMatch(INTERACTION_PROPERTIES::contains)) {
            check.add(join(d, "interactionType"), "required with correctResponsesPattern, choices, scale, source, "
                    + "target or steps");
        }
        if (def.containsKey("interactionType") && !INTERACTION_TYPES.contains(def.get("interactionType"))) {
            check.add(join(d, "interactionType"), "one of " + INTERACTION_TYPES + ", was " + def.get("interactionType"));
        }
        if (def.containsKey("correctResponsesPattern")) {
            List<?> patterns = array(def.get("correctResponsesPattern"), join(d, "correctResponsesPattern"));
            for (int i = 0; patterns != null && i < patterns.size(); i++) {
                if (!(patterns.get(i) instanceof String)) {
                    check.add(join(d, "correctResponsesPattern") + "[" + i + "]", "a string");
                }
            }
        }
        for (String list : List.of("choices", "scale", "source", "target", "steps")) {
            if (def.containsKey(list)) {
                List<?> components = array(def.get(list), join(d, list));
                for (int i = 0; components != null && i < components.size(); i++) {
                    String c = join(d, list) + "[" + i + "]";
                    Map<?, ?> component = object(components.get(i), c, "an interaction component {id, description}");
                    if (component != null) {
                        properties(component, c, COMPONENT, "an interaction component");
                        require(component, c, "id");
                        if (component.containsKey("id") && !(component.get("id") instanceof String)) {
                            check.add(join(c, "id"), "a string");
                        }
                        if (component.containsKey("description")) {
                            languageMap(component.get("description"), join(c, "description"));
                        }
                    }
                }
            }
        }
        if (def.containsKey("extensions")) {
            extensions(def.get("extensions"), join(d, "extensions"));
        }
    }
}
