package org.gigaplan.outreach.internal;

import java.time.Instant;
import java.util.List;

import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.LocalizedText;

/**
 * A post of the GIGA school support site: written by the board as Markdown or HTML, shown to readers only as
 * sanitised HTML, and only once published (and its publication time has come).
 *
 * @param publishAt when readers may see it: set when it is published, in the future for a scheduled post
 * @param history   every change of state, oldest first (empty in lists)
 */
public record Post(long id, String title, Format format, String body, String html, Category category,
        Audience audience, String lang, Status status, Instant publishAt, String createdBy, Instant createdAt,
        Instant updatedAt, boolean demo, List<Event> history) {

    /** Where a post is in its life. */
    public enum Status {
        DRAFT, REVIEW, PUBLISHED, ARCHIVED
    }

    /** What the author wrote in. */
    public enum Format {
        MARKDOWN, HTML
    }

    /** What a post is about. */
    public enum Category implements Labelled {
        NEWS(LocalizedText.of("お知らせ", "News")),
        HOW_TO(LocalizedText.of("使い方", "How to")),
        SAFETY(LocalizedText.of("情報モラル・安全", "Safety and digital citizenship")),
        LESSON(LocalizedText.of("授業での活用", "ICT in lessons")),
        EVENT(LocalizedText.of("イベント", "Events"));

        private final LocalizedText label;

        Category(LocalizedText label) {
            this.label = label;
        }

        public LocalizedText label() {
            return label;
        }
    }

    /** Who a post is written for. */
    public enum Audience {
        FAMILIES, STUDENTS, COMMUNITY, ALL
    }

    /** A change of a post: created, edited, or moved to another state. */
    public record Event(String action, Status status, String note, String by, Instant at) {
    }

    /** What the board writes: every field required but format (Markdown) and language (ja). */
    public record Draft(String title, String format, String body, String category, String audience, String lang) {
    }

    /** A post as the public reads it: no source, no workflow, only the sanitised HTML. */
    public record Published(long id, String title, String html, Category category, LocalizedText categoryLabel,
            Audience audience, String lang, Instant publishedAt, Instant updatedAt) {
    }

    /** A move refused because the post is not in a state it can leave that way (409), in English and Japanese. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String japanese;

        public Refused(String message, String japanese) {
            super(message);
            this.japanese = japanese;
        }

        /** The refusal in Japanese. */
        public String japanese() {
            return japanese;
        }
    }

    /**
     * Enum codes for a refusal in Japanese: with their Japanese labels where they have them ("NEWS（お知らせ）"),
     * joined by 、.
     */
    public static String choices(Enum<?>[] values) {
        return String.join("、", java.util.Arrays.stream(values)
                .map(v -> v instanceof Labelled l ? v.name() + "（" + l.label().ja() + "）" : v.name()).toList());
    }

    /** Whether readers may see it at {@code now}. */
    public boolean visibleAt(Instant now) {
        return status == Status.PUBLISHED && publishAt != null && !publishAt.isAfter(now);
    }

    /** Published and waiting for its time. */
    public boolean scheduledAt(Instant now) {
        return status == Status.PUBLISHED && publishAt != null && publishAt.isAfter(now);
    }

    public Published published() {
        return new Published(id, title, html, category, category.label(), audience, lang, publishAt, updatedAt);
    }
}
