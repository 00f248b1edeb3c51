package org.gigaplan.plan.console;

import java.time.LocalDate;
import java.util.Locale;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.rest.InvalidInputException;

/** Console text helpers every bundle's commands share: language choice, cut plan text, input errors. */
public final class ConsoleText {

    private ConsoleText() {
    }

    /**
     * The system property holding the deployment's language ({@code ja} or {@code en}), which the platform sets from
     * its configuration ({@code language} in {@code etc/org.gigaplan.platform.api.cfg}): the commands' default.
     */
    public static final String LANGUAGE = "gigaplan.language";

    /**
     * The language of a {@code --lang} option: ja or en; by default the deployment's ({@link #LANGUAGE}), else the
     * JVM's.
     */
    public static Locale locale(String lang) {
        if (lang == null || lang.isBlank()) {
            String deployment = System.getProperty(LANGUAGE, "");
            if (deployment.equals("ja") || deployment.equals("en")) {
                return Locale.forLanguageTag(deployment);
            }
            return Locale.getDefault().getLanguage().equals("ja") ? Locale.JAPANESE : Locale.ENGLISH;
        }
        if (!lang.equals("ja") && !lang.equals("en")) {
            throw new IllegalArgumentException("--lang must be ja or en, was " + lang);
        }
        return Locale.forLanguageTag(lang);
    }

    /**
     * A date an option gives: 2025-06-02 or 2025/6/2; null when not given. Anything else is refused naming the option,
     * never a parser's message.
     */
    public static LocalDate date(String option, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return CsvTable.day(text).orElseThrow(() -> new IllegalArgumentException(option + ": a date as 2025-06-02 "
                + "or 2025/6/2, was \"" + text + "\" / " + option + " は 2025-06-02 か 2025/6/2 の形の日付にしてください"));
    }

    /** A command's own word in its language: {@code ja} for Japanese, {@code en} for every other language. */
    public static String in(Locale locale, String ja, String en) {
        return "ja".equals(locale.getLanguage()) ? ja : en;
    }

    /** Text in a language, cut to fit a table column of {@code max} terminal columns. */
    public static String of(LocalizedText text, Locale locale, int max) {
        return ConsoleTable.cut(text == null ? "" : text.in(locale), max);
    }

    /** One line per failing field, for a console message. */
    public static String errors(InvalidInputException e) {
        StringBuilder sb = new StringBuilder();
        e.errors().forEach(err -> sb.append(System.lineSeparator()).append("  ").append(err.field()).append(": ")
                .append(err.detail()));
        return sb.toString();
    }
}
