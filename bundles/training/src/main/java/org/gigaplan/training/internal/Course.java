package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.model.LocalizedText;

/**
 * A training (研修) of the catalog with its sessions.
 *
 * @param categories checklist categories (A–D) it builds
 * @param schoolId   for an in-school training, the school that holds it; null for the city's
 */
public record Course(long id, LocalizedText title, Kind kind, List<String> categories, Level level, String schoolId,
        List<Session> sessions, boolean demo) {

    public Course {
        categories = List.copyOf(categories);
        sessions = List.copyOf(sessions);
    }

    /** What kind of training: the plan names each. */
    public enum Kind implements Labelled {
        BOARD_COURSE(LocalizedText.of("教育委員会研修", "Board course")),
        IN_SCHOOL(LocalizedText.of("校内研修", "In-school training")),
        ONLINE_PEER(LocalizedText.of("オンラインでの学び合い", "Online peer learning")),
        GENAI(LocalizedText.of("生成AI研修", "Generative-AI training"));

        private final LocalizedText label;

        Kind(LocalizedText label) {
            this.label = label;
        }

        public LocalizedText label() {
            return label;
        }

        public static Optional<Kind> parse(String text) {
            return EnumText.parse(values(), text);
        }
    }

    /** For teachers at which stage. */
    public enum Level implements Labelled {
        BASIC(LocalizedText.of("初級", "Basic")),
        STANDARD(LocalizedText.of("中級", "Standard")),
        ADVANCED(LocalizedText.of("上級", "Advanced"));

        private final LocalizedText label;

        Level(LocalizedText label) {
            this.label = label;
        }

        public LocalizedText label() {
            return label;
        }

        /** The stage of a teacher by the mean of their answers (1–4). */
        public static Level ofMean(double mean) {
            return mean < 2.5 ? BASIC : mean < 3.25 ? STANDARD : ADVANCED;
        }

        public static Optional<Level> parse(String text) {
            return EnumText.parse(values(), text);
        }
    }

    /** A session of a course: its date, capacity and how many enrolled and attended. */
    /** A teacher enrolled in a session, and whether they attended (null until recorded). */
    public record Enrolled(String schoolId, String teacherId, java.time.Instant enrolledAt, Boolean attended) {
    }

    public record Session(long id, long courseId, LocalDate heldOn, int capacity, String place, int enrolled,
            int attended) {
    }
}
