package org.gigaplan.plan.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A measurable sign of progress for a basic policy.
 *
 * @param id         stable key, prefixed by the module that computes it ({@code usage.scene1})
 * @param policy     the basic policy (1–4) it belongs to
 * @param module     id of the policy module expected to compute it
 * @param name       short name
 * @param definition what exactly is counted
 * @param unit       unit of the value ({@code %}, {@code 件})
 * @param subject    what is counted over
 * @param direction  which way is better; {@code null} in data means higher is better
 * @param baseline   starting value, {@code null} when the plan gives none
 * @param targets    staged targets per fiscal year, possibly empty
 */
public record Indicator(String id, int policy, String module, LocalizedText name, LocalizedText definition,
        String unit, IndicatorSubject subject, Direction direction, Baseline baseline, List<Target> targets) {

    public Indicator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        direction = direction == null ? Direction.HIGHER_IS_BETTER : direction;
        targets = targets == null ? List.of()
                : targets.stream().sorted(Comparator.comparingInt(Target::fiscalYear)).toList();
    }

    /**
     * The target in force for a fiscal year: the one set for that year, else the latest one set for an
     * earlier year (a reached stage stays the bar). Empty before the first stage or when none is set.
     */
    public Optional<Target> targetFor(FiscalYear fiscalYear) {
        Target found = null;
        for (Target t : targets) {
            if (t.fiscalYear() <= fiscalYear.year()) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    /** How a value compares with the target in force for the fiscal year. */
    public Attainment attainment(double value, FiscalYear fiscalYear) {
        return targetFor(fiscalYear)
                .map(t -> direction == Direction.HIGHER_IS_BETTER
                        ? (value >= t.value() ? Attainment.MET : Attainment.BELOW)
                        : (value <= t.value() ? Attainment.MET : Attainment.BELOW))
                .orElse(Attainment.NO_TARGET);
    }

    /**
     * Share of the way from baseline to target covered by a value, 0–1 clamped; empty without a
     * baseline or target, or when they coincide.
     */
    public Optional<Double> progressTowardTarget(double value, FiscalYear fiscalYear) {
        Optional<Target> target = targetFor(fiscalYear);
        if (baseline == null || target.isEmpty() || target.get().value() == baseline.value()) {
            return Optional.empty();
        }
        double share = (value - baseline.value()) / (target.get().value() - baseline.value());
        return Optional.of(Math.max(0.0, Math.min(1.0, share)));
    }

    /** Result of comparing a value with its target. */
    public enum Attainment {
        MET, BELOW, NO_TARGET
    }
}
