package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;

/**
 * A measure (施策) of a basic policy, e.g. "(2) 指導・学習のためのICT活用", with its focuses and the action
 * items that implement it in a fiscal year.
 *
 * @param code   stable key, policy and measure number ({@code 1-2})
 * @param number the measure's number as printed ({@code (2)})
 */
public record Measure(String code, String number, LocalizedText title, List<Focus> focuses,
        List<ActionItem> actionItems) {

    public Measure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        focuses = focuses == null ? List.of() : List.copyOf(focuses);
        actionItems = actionItems == null ? List.of() : List.copyOf(actionItems);
    }
}
