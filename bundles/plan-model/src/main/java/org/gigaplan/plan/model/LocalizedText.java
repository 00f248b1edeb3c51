package org.gigaplan.plan.model;

import java.util.Locale;
import java.util.Objects;

/** A user-facing text in Japanese, the plan's own language, and English. */
public record LocalizedText(String ja, String en) {

    public LocalizedText {
        Objects.requireNonNull(ja, "ja");
        en = en == null || en.isBlank() ? ja : en;
    }

    public static LocalizedText of(String ja, String en) {
        return new LocalizedText(ja, en);
    }

    /** The text for a locale: Japanese for {@code ja}, English for every other language. */
    public String in(Locale locale) {
        return locale != null && "ja".equals(locale.getLanguage()) ? ja : en;
    }
}
