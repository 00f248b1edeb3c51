package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The action plan (行動計画) of one fiscal year: what the board and schools do that year, per policy.
 *
 * @param status a new year's plan is a {@link Status#DRAFT} the board edits until it publishes it; absent in data
 *               means published
 */
public record ActionPlan(int fiscalYear, LocalizedText title, LocalizedText edition, LocalizedText purpose,
        List<BasicPolicy> policies, List<SceneTarget> sceneTargets, List<LocalizedText> notes, Status status) {

    /** Whether the board is still drafting an action plan or has published it to schools and the public. */
    public enum Status {
        DRAFT, PUBLISHED
    }

    public ActionPlan {
        Objects.requireNonNull(title, "title");
        policies = policies == null ? List.of() : List.copyOf(policies);
        sceneTargets = sceneTargets == null ? List.of() : List.copyOf(sceneTargets);
        notes = notes == null ? List.of() : List.copyOf(notes);
        status = status == null ? Status.PUBLISHED : status;
    }

    /** A published action plan. */
    public ActionPlan(int fiscalYear, LocalizedText title, LocalizedText edition, LocalizedText purpose,
            List<BasicPolicy> policies, List<SceneTarget> sceneTargets, List<LocalizedText> notes) {
        this(fiscalYear, title, edition, purpose, policies, sceneTargets, notes, Status.PUBLISHED);
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }

    public FiscalYear year() {
        return FiscalYear.of(fiscalYear);
    }

    public Optional<BasicPolicy> policy(int number) {
        return policies.stream().filter(p -> p.number() == number).findFirst();
    }

    public List<ActionItem> actionItems() {
        return policies.stream().flatMap(p -> p.actionItems().stream()).toList();
    }
}
