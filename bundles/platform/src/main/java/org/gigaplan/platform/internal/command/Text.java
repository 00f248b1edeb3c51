package org.gigaplan.platform.internal.command;

import java.util.Locale;

import org.gigaplan.plan.model.LocalizedText;

/** Console text helpers: language choice and cutting long plan text to fit a table column. */
final class Text {

    private Text() {
    }

    static Locale locale(String lang) {
        if (lang == null || lang.isBlank()) {
            return Locale.getDefault().getLanguage().equals("ja") ? Locale.JAPANESE : Locale.ENGLISH;
        }
        if (!lang.equals("ja") && !lang.equals("en")) {
            throw new IllegalArgumentException("--lang must be ja or en, was " + lang);
        }
        return Locale.forLanguageTag(lang);
    }

    static String of(LocalizedText text, Locale locale, int max) {
        return cut(text == null ? "" : text.in(locale), max);
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
