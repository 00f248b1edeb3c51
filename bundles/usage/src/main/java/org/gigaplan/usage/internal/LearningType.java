package org.gigaplan.usage.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.gigaplan.plan.model.LocalizedText;

/** Which of the plan's two kinds of learning a lesson case serves (policy 1 (2) ① and ②). */
public enum LearningType {
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

    public static Optional<LearningType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        return Arrays.stream(values())
                .filter(v -> v.name().equals(t.toUpperCase(Locale.ROOT)) || v.label.ja().equals(t))
                .findFirst();
    }
}
