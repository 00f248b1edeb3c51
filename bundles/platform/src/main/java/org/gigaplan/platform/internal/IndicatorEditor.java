package org.gigaplan.platform.internal;

import java.util.ArrayList;
import java.util.List;

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

    /** Adds an indicator to the plan. */
    public static Plan addIndicator(Plan plan, IndicatorInput in) {
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
        check.throwIfAny();
        Indicator added = new Indicator(in.id().trim(), in.policy(), in.module().trim(), in.name(), in.definition(),
                in.unit().trim(), in.subject(), in.direction(), in.baseline(), in.targets());
        List<Indicator> indicators = new ArrayList<>(plan.indicators());
        indicators.add(added);
        return PlanEditor.with(plan, plan.actionPlans(), indicators);
    }

    /** Changes an indicator: the members given, the others kept; {@code targets} replaces them all. */
    public static Plan changeIndicator(Plan plan, String id, IndicatorInput in) {
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
        if (in.baseline() == null && old.baseline() != null) {
            checkValue(old.baseline().value(), unit, "unit", check);
        }
        if (in.targets() == null) {
            for (Target t : old.targets()) {
                checkValue(t.value(), unit, "unit", check);
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

    /** A value in an indicator's unit: a share is 0–100; any other count or rate is 0 or more. */
    static void checkValue(double value, String unit, String field, FieldChecks check) {
        if (!Double.isFinite(value)) {
            check.add(field, "a number, was " + value);
        } else if ("%".equals(unit) && (value < 0 || value > 100)) {
            check.add(field, "a share from 0 to 100 (%), was " + value);
        } else if (value < 0) {
            check.add(field, "0 or more " + unit + ", was " + value);
        }
    }

    static Indicator withTargets(Indicator i, List<Target> targets) {
        return new Indicator(i.id(), i.policy(), i.module(), i.name(), i.definition(), i.unit(), i.subject(),
                i.direction(), i.baseline(), targets);
    }
}
