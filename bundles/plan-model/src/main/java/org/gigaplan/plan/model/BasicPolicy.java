package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;

/** One of the plan's basic policies (基本方針), numbered 1–4 in the Sendai plan. */
public record BasicPolicy(int number, LocalizedText title, List<Measure> measures) {

    public BasicPolicy {
        Objects.requireNonNull(title, "title");
        measures = measures == null ? List.of() : List.copyOf(measures);
    }

    public List<ActionItem> actionItems() {
        return measures.stream().flatMap(m -> m.actionItems().stream()).toList();
    }
}
