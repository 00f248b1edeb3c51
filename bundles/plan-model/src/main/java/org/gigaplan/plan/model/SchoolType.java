package org.gigaplan.plan.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Kinds of school the plan distinguishes. */
public enum SchoolType {
    ELEMENTARY(LocalizedText.of("小学校", "Elementary school"), true),
    JUNIOR_HIGH(LocalizedText.of("中学校", "Junior high school"), true),
    /** 中等教育学校: six-year secondary schools. */
    SECONDARY(LocalizedText.of("中等教育学校", "Secondary school"), false),
    HIGH(LocalizedText.of("高等学校", "High school"), false),
    SPECIAL_NEEDS(LocalizedText.of("特別支援学校", "Special-needs school"), false);

    private final LocalizedText label;
    private final boolean carriesSceneTargets;

    SchoolType(LocalizedText label, boolean carriesSceneTargets) {
        this.label = label;
        this.carriesSceneTargets = carriesSceneTargets;
    }

    public LocalizedText label() {
        return label;
    }

    /**
     * Whether the city-wide scene-use targets (3+ uses a week per scene) apply; high and secondary
     * schools set their own measures instead.
     */
    public boolean carriesSceneTargets() {
        return carriesSceneTargets;
    }

    /** Parses {@code JUNIOR_HIGH}, {@code junior-high} or {@code junior_high}. */
    public static Optional<SchoolType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.name().equals(key) || t.label.ja().equals(text.trim()))
                .findFirst();
    }
}
