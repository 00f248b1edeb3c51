package org.gigaplan.plan.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Enum constants as people type them in requests, files and the console. */
public final class EnumText {

    private EnumText() {
    }

    /** The constant a text names, case, surrounding spaces and {@code -} for {@code _} ignored; empty when none. */
    public static <E extends Enum<E>> Optional<E> parse(E[] values, String text) {
        String t = text == null ? "" : text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values).filter(v -> v.name().equals(t)).findFirst();
    }

    /** The names, for error messages: "DRAFT, REVIEW, PUBLISHED". */
    public static String names(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Enum::name).toList());
    }
}
