package org.gigaplan.training.internal;

import java.util.Arrays;
import java.util.Optional;

import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.LocalizedText;

/** The checklist's four answers. A teacher "can" (counts toward the rates) at 3 or 4. */
public enum ChecklistAnswer implements Labelled {
    CANNOT(1, LocalizedText.of("ほとんどできない", "Hardly able")),
    HARDLY(2, LocalizedText.of("あまりできない", "Not very able")),
    SOMEWHAT(3, LocalizedText.of("ややできる", "Fairly able")),
    CAN(4, LocalizedText.of("できる", "Able"));

    private final int value;
    private final LocalizedText label;

    ChecklistAnswer(int value, LocalizedText label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    public LocalizedText label() {
        return label;
    }

    /** Whether an answer counts toward the rates: 3 ややできる or 4 できる. */
    public static boolean counts(int answer) {
        return answer >= SOMEWHAT.value;
    }

    /** 1–4, or the Japanese label. */
    public static Optional<ChecklistAnswer> parse(String text) {
        String t = text == null ? "" : text.trim();
        return Arrays.stream(values()).filter(l -> Integer.toString(l.value).equals(t)).findFirst()
                .or(() -> EnumText.parse(values(), t));
    }

    public static Optional<ChecklistAnswer> of(int value) {
        return Arrays.stream(values()).filter(l -> l.value == value).findFirst();
    }
}
