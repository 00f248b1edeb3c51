package org.gigaplan.usage.internal;

import java.util.Optional;

import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.LocalizedText;

/** Which of the plan's two kinds of learning a lesson case serves (policy 1 (2) ① and ②). */
public enum LearningType implements Labelled {
    INDIVIDUAL(LocalizedText.of("個別最適な学び", "Individually optimised learning")),
    COLLABORATIVE(LocalizedText.of("協働的な学び", "Collaborative learning")),
    BOTH(LocalizedText.of("個別最適な学びと協働的な学び", "Both individually optimised and collaborative learning"));

    private final LocalizedText label;

    LearningType(LocalizedText label) {
        this.label = label;
    }

    public LocalizedText label() {
        return label;
    }

    /** Whether a case of this type serves the type asked for: a BOTH case serves either. */
    public boolean serves(LearningType wanted) {
        return this == wanted || this == BOTH;
    }

    /** The code ({@code INDIVIDUAL}, any case) or the Japanese label ({@code 個別最適な学び}). */
    public static Optional<LearningType> parse(String text) {
        return EnumText.parse(values(), text);
    }
}
