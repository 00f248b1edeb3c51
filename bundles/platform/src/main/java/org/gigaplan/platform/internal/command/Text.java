package org.gigaplan.platform.internal.command;

import java.util.Locale;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.rest.InvalidInputException;

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
        return ConsoleTable.cut(text == null ? "" : text.in(locale), max);
    }

    /** The path of a file that must exist, or a command error saying it does not. */
    static java.nio.file.Path existingFile(String file) {
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No such file: " + path.toAbsolutePath());
        }
        return path;
    }

    /** One line per failing field, for a console message. */
    static String errors(InvalidInputException e) {
        StringBuilder sb = new StringBuilder();
        e.errors().forEach(err -> sb.append(System.lineSeparator()).append("  ").append(err.field()).append(": ")
                .append(err.detail()));
        return sb.toString();
    }
}
