package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The action plan (行動計画) of one fiscal year: what the board and schools do that year, per policy. */
public record ActionPlan(int fiscalYear, LocalizedText title, LocalizedText edition, LocalizedText purpose,
        List<BasicPolicy> policies, List<SceneTarget> sceneTargets, List<LocalizedText> notes) {

    public ActionPlan {
        Objects.requireNonNull(title, "title");
        policies = policies == null ? List.of() : List.copyOf(policies);
        sceneTargets = sceneTargets == null ? List.of() : List.copyOf(sceneTargets);
        notes = notes == null ? List.of() : List.copyOf(notes);
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
