package org.gigaplan.usage.internal;

import java.util.Arrays;
import java.util.Optional;

import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.LocalizedText;

/**
 * The national questionnaire's scale (全国学力・学習状況調査) a teacher may answer a weekly check-in on, instead of a
 * count. Each answer counts as the fewest weekly uses it promises, so with the plan's target of 3 a week the top
 * two answers meet it, as the plan's indicator defines.
 */
public enum Answer implements Labelled {
    ALMOST_DAILY(LocalizedText.of("ほぼ毎日", "Almost every day"), 5),
    THREE_PLUS_A_WEEK(LocalizedText.of("週3回以上", "3 or more times a week"), 3),
    ONCE_PLUS_A_WEEK(LocalizedText.of("週1回以上", "Once or more a week"), 1),
    ONCE_PLUS_A_MONTH(LocalizedText.of("月1回以上", "Once or more a month"), 0),
    LESS_THAN_MONTHLY(LocalizedText.of("月1回未満", "Less than once a month"), 0);

    private final LocalizedText label;
    private final int weeklyUses;

    Answer(LocalizedText label, int weeklyUses) {
        this.label = label;
        this.weeklyUses = weeklyUses;
    }

    public LocalizedText label() {
        return label;
    }

    /** The weekly uses this answer stands for in the roll-up. */
    public int weeklyUses() {
        return weeklyUses;
    }

    /** Parses the code ({@code THREE_PLUS_A_WEEK}, any case, - or _) or the Japanese label ({@code 週3回以上}). */
    public static Optional<Answer> parse(String text) {
        return EnumText.parse(values(), text);
    }

    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
