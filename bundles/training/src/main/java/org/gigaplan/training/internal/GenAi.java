package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.model.LocalizedText;

/** Teachers' use of generative AI in their daily work (教員の日常的な生成AI利用). */
public final class GenAi {

    private GenAi() {
    }

    /** For what school work. */
    public enum Purpose implements Labelled {
        LESSON_PREP(LocalizedText.of("授業準備", "Lesson preparation")),
        MATERIALS(LocalizedText.of("教材作成", "Teaching materials")),
        ASSESSMENT(LocalizedText.of("評価・所見", "Assessment and reports")),
        ADMIN(LocalizedText.of("校務文書", "School administration documents")),
        COMMUNICATION(LocalizedText.of("保護者・地域への連絡", "Letters to families and the community")),
        OTHER(LocalizedText.of("その他", "Other"));

        private final LocalizedText label;

        Purpose(LocalizedText label) {
            this.label = label;
        }

        public LocalizedText label() {
            return label;
        }

        public static Optional<Purpose> parse(String text) {
            return EnumText.parse(values(), text);
        }
    }

    /** A teacher's report for a fiscal year; a later one replaces it. */
    public record Report(String teacherId, Integer fiscalYear, String frequency, List<String> purposes,
            LocalDate reportedOn) {
    }

    /**
     * Generative-AI use in a group of teachers (a school or the city) in a fiscal year; figures null when
     * suppressed (fewer than five teachers, in the board's views).
     *
     * @param weeklyShare       % of reporting teachers using it at least weekly (the plan's indicator)
     * @param trainingAttendees teachers who attended a generative-AI training session in the year
     */
    public record Use(int fiscalYear, String schoolId, int teachers, boolean suppressed, Integer daily,
            Integer weeklyOrMore, Double dailyShare, Double weeklyShare, Map<String, Integer> purposes,
            Integer trainingAttendees, boolean demo) {
    }
}
