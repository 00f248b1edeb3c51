package org.gigaplan.plan.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * The field checks every module's input goes through, each naming the field it refuses, collected so that one
 * answer lists every mistake of a body: check, then {@link #throwIfAny()}.
 *
 * <pre>
 * FieldChecks check = new FieldChecks();
 * check.text(in.subject(), true, 50, "subject");
 * check.range(in.grade(), 1, 12, "grade");
 * check.throwIfAny(); // 400 with every field error
 * </pre>
 */
public final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    /** Refuses a field with a detail of the caller's. */
    public FieldChecks add(String field, String detail) {
        errors.add(new FieldError(field, detail));
        return this;
    }

    /** Refuses a field with a detail of the caller's, in English and in Japanese. */
    public FieldChecks add(String field, String detail, String japanese) {
        errors.add(new FieldError(field, detail, japanese));
        return this;
    }

    /** Takes errors found elsewhere, e.g. a CSV table's ({@code CsvTable.errors()}) or another check's. */
    public FieldChecks addAll(Collection<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    /** Whether a value was given; refuses the field as required when not. */
    public boolean required(Object value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, "required");
            return false;
        }
        return true;
    }

    /**
     * A free text: required or not, at most {@code max} characters once trimmed, no control characters other than
     * line breaks and tabs.
     *
     * @return whether the field is fine (a missing optional text is)
     */
    public boolean text(String text, boolean required, int max, String field) {
        if (text == null || text.isBlank()) {
            if (required) {
                add(field, "required");
            }
            return !required;
        }
        if (text.trim().length() > max) {
            add(field, "at most " + max + " characters, was " + text.trim().length());
            return false;
        }
        if (text.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
            add(field, "contains control characters");
            return false;
        }
        return true;
    }

    /**
     * A name (a class's, a place's): one line, so no line break, tab or other control character, and no invisible
     * formatting character (a right-to-left override, a zero-width space: the same-looking name would be another), at
     * most {@code max} characters once trimmed.
     *
     * @return whether the field is fine (a missing optional name is)
     */
    public boolean name(String name, boolean required, int max, String field) {
        if (!text(name, required, max, field)) {
            return false;
        }
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            add(field, "one line: no line breaks or tabs");
            return false;
        }
        if (name != null) {
            int[] format = name.codePoints().filter(ch -> Character.getType(ch) == Character.FORMAT).toArray();
            if (format.length > 0) {
                String code = String.format("U+%04X", format[0]);
                add(field, "no invisible formatting characters, found " + code,
                        "見えない書式文字は使えません（" + code + "）");
                return false;
            }
        }
        return true;
    }

    /** A text in Japanese and English, both required, each checked as {@link #text}. */
    public boolean localized(LocalizedText text, int max, String field) {
        if (text == null) {
            add(field, "required: {\"ja\": \"…\", \"en\": \"…\"}");
            return false;
        }
        return text(text.ja(), true, max, field + ".ja") & text(text.en(), true, max, field + ".en");
    }

    /** An optional whole number within {@code min}–{@code max}. */
    public boolean range(Integer value, int min, int max, String field) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between " + min + " and " + max + ", was " + value);
            return false;
        }
        return true;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws every error collected as one {@link InvalidInputException} (a 400 listing them), if there is any. */
    public void throwIfAny() {
        InvalidInputException.throwIfAny(errors);
    }

    /** Refuses a batch of more than {@code max} records at once, before reading any of it. */
    public static void batchSize(int size, int max) {
        if (size > max) {
            throw new InvalidInputException("body", "at most " + max + " records in one batch, was " + size
                    + ": send it in parts", "一度に送れるのは" + max + "件までです（" + size + "件でした）。分けて送ってください");
        }
    }

    /** Trims both languages of a text the checks accepted. */
    public static LocalizedText trimmed(LocalizedText text) {
        return new LocalizedText(text.ja().trim(), text.en().trim());
    }
}
