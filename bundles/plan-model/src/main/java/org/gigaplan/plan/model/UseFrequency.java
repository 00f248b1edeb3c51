package org.gigaplan.plan.model;

import java.util.Optional;

/**
 * How often a teacher does something in their work, on the scale of the national surveys the plan's "at least once
 * a week" indicators come from (generative AI, learning histories).
 */
public enum UseFrequency implements Labelled {
    DAILY(LocalizedText.of("ほぼ毎日", "Almost every day")),
    WEEKLY(LocalizedText.of("週1回以上", "At least once a week")),
    MONTHLY(LocalizedText.of("月1回以上", "At least once a month")),
    RARELY(LocalizedText.of("月1回未満", "Less than once a month")),
    NEVER(LocalizedText.of("利用していない", "Never"));

    private final LocalizedText label;

    UseFrequency(LocalizedText label) {
        this.label = label;
    }

    public LocalizedText label() {
        return label;
    }

    /** Whether this counts as at least once a week: what the plan's indicators count. */
    public boolean weekly() {
        return this == DAILY || this == WEEKLY;
    }

    /** The frequency named by a text (case and {@code -}/{@code _} ignored) or its Japanese label; empty when none. */
    public static Optional<UseFrequency> parse(String text) {
        return EnumText.parse(values(), text);
    }

    /** The names, for error messages: "DAILY, WEEKLY, MONTHLY, RARELY, NEVER". */
    public static String names() {
        return EnumText.names(values());
    }
}
