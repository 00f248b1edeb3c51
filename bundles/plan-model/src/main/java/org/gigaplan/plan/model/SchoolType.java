package org.gigaplan.plan.model;

import java.util.Optional;

/** Kinds of school the plan distinguishes. */
public enum SchoolType implements Labelled {
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

    /** Parses {@code JUNIOR_HIGH}, {@code junior-high}, {@code junior_high} or the Japanese label. */
    public static Optional<SchoolType> parse(String text) {
        return EnumText.parse(values(), text);
    }
}
