package org.gigaplan.platform.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.Baseline;
import org.gigaplan.plan.model.Direction;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.IndicatorSubject;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.model.Target;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;

/**
 * The board's changes to the plan's indicators: added, changed (baseline, staged targets, texts), removed. Each a pure
 * function from the plan in force to the next one; every refusal names the request field at fault.
 */
public final class IndicatorEditor {

    private IndicatorEditor() {
    }

    /**
     * An indicator as the board writes it. On a change, a member left out keeps its value; {@code targets} replaces
     * every staged target. On an addition, id, policy, module, name, unit and subject are required.
     */
    public record IndicatorInput(String id, Integer policy, String module, LocalizedText name,
            LocalizedText definition, String unit, IndicatorSubject subject, Direction direction, Baseline baseline,
            List<Target> targets) {
    }

    /** One fiscal year's staged target, as the board sets it. */
    public record TargetInput(Double value) {
    }

    /**
     * The largest value of an indicator not in %: a count, a rate (件, 回, 件/校) or an amount (円: a city's whole
     * education budget fits), never a number no plan means (1e20).
     */
    public static final double MAX_COUNT = 1_000_000_000_000.0;

    /** The module that computes an indicator and the unit its values come in. */
    public record Computed(String module, String unit) {
    }

    /**
     * Which indicators modules compute, and in which unit (see {@code ProgressServiceImpl.computed}): such an
     * indicator keeps that unit, for its values come in it whatever the plan says.
     */
    @FunctionalInterface
    public interface ModuleUnits {

        /** No indicator is known to be computed by a module: every unit may change (tools, tests). */
        ModuleUnits NONE = id -> Optional.empty();

        Optional<Computed> of(String indicatorId);
    }

    /** Adds an indicator to the plan. */
    public static Plan addIndicator(Plan plan, IndicatorInput in) {
        return addIndicator(plan, in, ModuleUnits.NONE);
    }

    /** Adds an indicator to the plan; one a module computes takes the unit the module computes it in. */
    public static Plan addIndicator(Plan plan, IndicatorInput in, ModuleUnits modules) {
        if (in == null) {
            throw new InvalidInputException("body", "an indicator: {\"id\":\"usage.cases\",\"policy\":1,\"module\":"
                    + "\"usage\",\"name\":{…},\"unit\":\"%\",\"subject\":\"SCHOOL\"}");
        }
        FieldChecks check = new FieldChecks();
        if (in.id() == null || !in.id().trim().matches("[a-z0-9-]{1,40}\\.[a-z0-9.-]{1,60}")) {
            check.add("id", "the computing module's id, a dot and a name in lower case (usage.cases), was "
                    + (in.id() == null ? "nothing" : "\"" + in.id() + "\""));
        } else if (plan.indicator(in.id().trim()).isPresent()) {
            throw new ConflictException("id", "indicator " + in.id().trim() + " exists already");
        }
        if (in.policy() == null) {
            check.add("policy", "required: the basic policy it belongs to");
        }
        if (in.module() == null || in.module().isBlank()) {
            check.add("module", "required: the id of the policy module that computes it");
        }
        if (in.name() == null) {
            check.add("name.ja", "required");
        }
        if (in.unit() == null) {
            check.add("unit", "required: %, 件, 件/校 …");
        }
        if (in.subject() == null) {
            check.add("subject", "required: SCHOOL, MUNICIPALITY, TEACHER or CLASS");
        }
        checkIndicator(plan, in, in.unit(), check);
        if (in.id() != null && in.unit() != null) {
            keepsModuleUnit(modules.of(in.id().trim()), in.id().trim(), in.unit().trim(), check);
        }
        check.throwIfAny();
        Indicator added = new Indicator(in.id().trim(), in.policy(), in.module().trim(), in.name(), in.definition(),
                in.unit().trim(), in.subject(), in.direction(), in.baseline(), in.targets());
        List<Indicator> indicators = new ArrayList<>(plan.indicators());
        indicators.add(added);
        return PlanEditor.with(plan, plan.actionPlans(), indicators);
    }

    /** Changes an indicator: the members given, the others kept; {@code targets} replaces them all. */
    public static Plan changeIndicator(Plan plan, String id, IndicatorInput in) {
        return changeIndicator(plan, id, in, ModuleUnits.NONE);
    }

    /**
     * The same; the unit of an indicator a module computes stays the module's. When the unit changes, the baseline and
     * targets kept must fit the new one: give them with it.
     */
    public static Plan changeIndicator(Plan plan, String id, IndicatorInput in, ModuleUnits modules) {
        Indicator old = plan.indicator(id).orElseThrow(() -> PlanEditor.notFound("indicatorId", "no indicator " + id));
        if (in == null) {
            throw new InvalidInputException("body", "the members to change: name, definition, unit, subject, direction, "
                    + "baseline, targets");
        }
        if (in.id() != null && !in.id().trim().equals(id)) {
            throw new InvalidInputException("id", "an indicator's id does not change (was \"" + in.id() + "\")");
        }
        String unit = in.unit() != null ? in.unit().trim() : old.unit();
        FieldChecks check = new FieldChecks();
        checkIndicator(plan, in, unit, check);
        if (!unit.equals(old.unit())) {
            keepsModuleUnit(modules.of(id), id, unit, check);
            if (check.ok()) {
                keptValuesFit(old, in, unit, check);
            }
        }
        check.throwIfAny();
        Indicator changed = new Indicator(old.id(), in.policy() != null ? in.policy() : old.policy(),
                in.module() != null ? in.module().trim() : old.module(), in.name() != null ? in.name() : old.name(),
                in.definition() != null ? in.definition() : old.definition(), unit,
                in.subject() != null ? in.subject() : old.subject(),
                in.direction() != null ? in.direction() : old.direction(),
                in.baseline() != null ? in.baseline() : old.baseline(),
                in.targets() != null ? in.targets() : old.targets());
        return PlanEditor.with(plan, plan.actionPlans(),
                plan.indicators().stream().map(i -> i.id().equals(id) ? changed : i).toList());
    }

    /** Sets one fiscal year's staged target of an indicator. */
    public static Plan setTarget(Plan plan, String id, FiscalYear fy, TargetInput in) {
        Indicator old = plan.indicator(id).orElseThrow(() -> PlanEditor.notFound("indicatorId", "no indicator " + id));
        if (in == null || in.value() == null) {
            throw new InvalidInputException("value", "required: the value to reach by the end of " + fy);
        }
        FieldChecks check = new FieldChecks();
        checkValue(in.value(), old.unit(), "value", check);
        if (!plan.covers(fy)) {
            check.add("fiscalYear", "a year of the plan period FY" + plan.firstYear() + "–FY"
                    + plan.lastYear() + ", was " + fy.year());
        }
        check.throwIfAny();
        List<Target> targets = new ArrayList<>(old.targets().stream().filter(t -> t.fiscalYear() != fy.year()).toList());
        targets.add(new Target(fy.year(), in.value()));
        return changeIndicator(plan, id, new IndicatorInput(null, null, null, null, null, null, null, null, null,
                targets));
    }

    /** Removes an indicator no action item lists. */
    public static Plan removeIndicator(Plan plan, String id) {
        plan.indicator(id).orElseThrow(() -> PlanEditor.notFound("indicatorId", "no indicator " + id));
        List<String> users = plan.actionPlans().stream().flatMap(a -> a.actionItems().stream()
                .filter(i -> i.indicatorIds().contains(id)).map(i -> "FY" + a.fiscalYear() + " " + i.id())).toList();
        if (!users.isEmpty()) {
            throw new ConflictException("indicatorId", "indicator " + id + " is the evidence of " + users
                    + ": take it off those action items first");
        }
        return PlanEditor.with(plan, plan.actionPlans(), plan.indicators().stream().filter(i -> !i.id().equals(id)).toList());
    }

    private static void checkIndicator(Plan plan, IndicatorInput in, String unit, FieldChecks check) {
        if (in.policy() != null && (in.policy() < 1 || in.policy() > 20)) {
            check.add("policy", "a basic policy's number (1–4 in this plan), was " + in.policy());
        }
        if (in.name() != null) {
            PlanEditor.checkText(in.name(), "name", check);
        }
        if (in.definition() != null) {
            PlanEditor.checkText(in.definition(), "definition", check);
        }
        if (in.unit() != null && (in.unit().isBlank() || in.unit().length() > 20)) {
            check.add("unit", "1–20 characters (%, 件, 件/校), was \"" + in.unit() + "\"");
        }
        if (in.baseline() != null) {
            checkValue(in.baseline().value(), unit, "baseline.value", check);
            int year = in.baseline().fiscalYear();
            if (year < FiscalYear.MIN_YEAR || year > plan.lastYear()) {
                check.add("baseline.fiscalYear", "the fiscal year it was measured in, "
                        + FiscalYear.MIN_YEAR + " to " + plan.lastYear() + ", was " + year);
            }
        }
        if (in.targets() != null) {
            for (int i = 0; i < in.targets().size(); i++) {
                Target t = in.targets().get(i);
                if (t == null) {
                    check.add("targets[" + i + "]", "must be {\"fiscalYear\":2026,\"value\":80}");
                    continue;
                }
                checkValue(t.value(), unit, "targets[" + i + "].value", check);
                if (t.fiscalYear() < plan.firstCoveredYear() || t.fiscalYear() > plan.lastYear()) {
                    check.add("targets[" + i + "].fiscalYear", "a year of the plan period FY"
                            + plan.firstCoveredYear() + "–FY" + plan.lastYear() + ", was " + t.fiscalYear());
                }
            }
            if (in.targets().stream().filter(t -> t != null).map(Target::fiscalYear).distinct().count()
                    < in.targets().stream().filter(t -> t != null).count()) {
                check.add("targets", "two targets for one fiscal year");
            }
        }
    }

    /** Refuses a unit other than the one the module computing the indicator computes it in. */
    private static void keepsModuleUnit(Optional<Computed> computed, String id, String unit, FieldChecks check) {
        computed.filter(c -> !c.unit().equals(unit)).ifPresent(c -> check.add("unit", "indicator " + id
                + " is computed by module " + c.module() + " in " + c.unit() + ": its values come in " + c.unit()
                + ", so its unit stays " + c.unit() + " (was asked " + unit + ")", "指標 " + id + " はモジュール "
                + c.module() + " が " + c.unit() + " で計算します。値は " + c.unit() + " で届くため、単位は " + c.unit()
                + " のままです（指定: " + unit + "）"));
    }

    /**
     * The baseline and targets an indicator keeps through a change of its unit (those the change does not give) must
     * fit the new unit: each that does not is named, and the change refused, rather than leaving values no later edit
     * can keep.
     */
    private static void keptValuesFit(Indicator old, IndicatorInput in, String unit, FieldChecks check) {
        if (in.baseline() == null && old.baseline() != null) {
            misfit(old.baseline().value(), unit).ifPresent(m -> check.add("unit", "the baseline (FY"
                    + old.baseline().fiscalYear() + ") is " + plain(old.baseline().value()) + ": not " + m[0]
                    + "; give a baseline in " + unit + " with the unit", "基準値（" + old.baseline().fiscalYear()
                    + "年度）" + plain(old.baseline().value()) + " は" + m[1] + "に収まりません。単位と一緒に baseline も "
                    + unit + " で指定してください"));
        }
        if (in.targets() == null) {
            for (Target t : old.targets()) {
                misfit(t.value(), unit).ifPresent(m -> check.add("unit", "the target for FY" + t.fiscalYear() + " is "
                        + plain(t.value()) + ": not " + m[0] + "; give the targets in " + unit + " with the unit "
                        + "(targets)", t.fiscalYear() + "年度の目標 " + plain(t.value()) + " は" + m[1]
                        + "に収まりません。単位と一緒に targets で目標も " + unit + " で指定してください"));
            }
        }
    }

    /**
     * A value in an indicator's unit: a share is 0–100 %; any other count, rate or amount (件, 回, 件/校, 円) is 0 to
     * {@link #MAX_COUNT}.
     */
    static void checkValue(double value, String unit, String field, FieldChecks check) {
        misfit(value, unit).ifPresent(m -> check.add(field, m[0] + ", was " + plain(value), m[1] + "で指定してください（指定: "
                + plain(value) + "）"));
    }

    /** What a value in {@code unit} must be, in English and Japanese, when it is not; empty when it fits. */
    private static Optional<String[]> misfit(double value, String unit) {
        if (!Double.isFinite(value)) {
            return Optional.of(new String[] { "a number", "数値" });
        }
        if ("%".equals(unit)) {
            return value < 0 || value > 100 ? Optional.of(new String[] { "a share from 0 to 100 (%)",
                "0〜100 の割合（%）" }) : Optional.empty();
        }
        return value < 0 || value > MAX_COUNT ? Optional.of(new String[] { "from 0 to 1,000,000,000,000 " + unit,
            "0〜1,000,000,000,000 " + unit }) : Optional.empty();
    }

    /** A value as people write it: 5000, 12.5, 100000000000000000000 (never 5000.0 or 1.0E20). */
    static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    static Indicator withTargets(Indicator i, List<Target> targets) {
        return new Indicator(i.id(), i.policy(), i.module(), i.name(), i.definition(), i.unit(), i.subject(),
                i.direction(), i.baseline(), targets);
    }
}
