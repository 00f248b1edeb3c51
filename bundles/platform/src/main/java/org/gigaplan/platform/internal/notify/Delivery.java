package org.gigaplan.platform.internal.notify;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Labelled;

/** How a user wants one kind of notice: every notice is in their inbox whatever they choose. */
public enum Delivery implements Labelled {
    IMMEDIATE(LocalizedText.of("すぐにメール", "E-mail at once")),
    DIGEST(LocalizedText.of("週1回のまとめメール", "Weekly digest e-mail")),
    OFF(LocalizedText.of("メールなし（受信箱のみ）", "No e-mail (inbox only)"));

    private final LocalizedText label;

    Delivery(LocalizedText label) {
        this.label = label;
    }

    @Override
    public LocalizedText label() {
        return label;
    }
}
