package org.gigaplan.plan.model;

/** Who carries out an action item. */
public enum Actor implements Labelled {
    /** 教育委員会 — the city board of education. */
    BOARD(LocalizedText.of("教育委員会", "Board of Education")),
    /** 学校 — each school. */
    SCHOOL(LocalizedText.of("学校", "Schools"));

    private final LocalizedText label;

    Actor(LocalizedText label) {
        this.label = label;
    }

    public LocalizedText label() {
        return label;
    }
}
