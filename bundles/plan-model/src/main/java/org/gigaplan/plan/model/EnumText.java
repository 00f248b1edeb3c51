package org.gigaplan.plan.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Enum constants as people type them in requests, files and the console. */
public final class EnumText {

    private EnumText() {
    }

    /**
     * The constant a text names, case, surrounding spaces and {@code -} for {@code _} ignored; for a {@link Labelled}
     * enum its Japanese label too. Empty when none.
     */
    public static <E extends Enum<E>> Optional<E> parse(E[] values, String text) {
        String trimmed = text == null ? "" : text.trim();
        String t = trimmed.replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values).filter(v -> v.name().equals(t)
                || (v instanceof Labelled l && !trimmed.isEmpty() && l.label().ja().equals(trimmed))).findFirst();
    }

    /** The names, for error messages: "DRAFT, REVIEW, PUBLISHED". */
    public static String names(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Enum::name).toList());
    }
}
