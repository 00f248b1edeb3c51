package org.gigaplan.platform.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.gigaplan.plan.model.ActionItem;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.Actor;
import org.gigaplan.plan.model.BasicPolicy;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Measure;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.model.PlanPeriod;
import org.gigaplan.plan.model.Target;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;

/**
 * The board's changes to the plan's years and action items, each a pure function from the plan in force to the next
 * one ({@link IndicatorEditor} for indicators). Every refusal names the request field at fault; what a change leaves
 * valid is checked again whole by {@link PlanReader}.
 */
public final class PlanEditor {

    /** Most characters of an action item's or indicator's text. */
    static final int MAX_TEXT = 2000;

    private PlanEditor() {
    }

    /**
     * An action item as the board writes it. On a change, a member left out keeps its value; on an addition, id,
     * measure, actor and text.ja are required.
     *
     * @param measure the measure's code ({@code 1-2}) the item belongs to; giving another one moves it there
     */
    public record ItemInput(String id, String measure, Actor actor, Boolean priority, LocalizedText text,
            List<String> indicatorIds) {
    }

    // ------------------------------------------------------------------------------------------ action plans

    /**
     * FY {@code to}'s action plan as a draft copied from {@code from} (the latest earlier year when null): its
     * policies, measures, action items and scene targets, its titles naming the new year, and each indicator's
     * target in force for {@code from} set for {@code to} where the plan sets none for it.
     */
    public static Plan rollOver(Plan plan, FiscalYear to, FiscalYear from) {
        if (plan.actionPlan(to.year()).isPresent()) {
            throw new ConflictException("fiscalYear", to + " (" + to.japaneseLabel() + ") has an action plan already");
        }
        if (!plan.covers(to)) {
            throw new InvalidInputException("fiscalYear", to + " lies outside the plan period FY" + plan.firstYear()
                    + "–FY" + plan.lastYear() + " (" + FiscalYear.of(plan.firstYear()).japaneseLabel() + "～"
                    + FiscalYear.of(plan.lastYear()).japaneseLabel() + ")" + (to.year() == plan.lastYear() + 1
                            ? ": start the next plan period with it, giving newPeriod {lastYear, title}" : ""));
        }
        ActionPlan source;
        if (from == null) {
            source = plan.actionPlans().stream().filter(a -> a.fiscalYear() < to.year())
                    .max(Comparator.comparingInt(ActionPlan::fiscalYear))
                    .orElseThrow(() -> new InvalidInputException("from", "no action plan before " + to
                            + " to roll forward"));
        } else {
            source = plan.actionPlan(from.year()).orElseThrow(() -> new InvalidInputException("from",
                    "no action plan for " + from + "; the plan has " + years(plan)));
        }
        FiscalYear was = source.year();
        UnaryOperator<LocalizedText> renamed = t -> t == null ? null
                : LocalizedText.of(t.ja().replace(was.japaneseLabel(), to.japaneseLabel())
                        .replace(fullWidth(was.japaneseLabel()), fullWidth(to.japaneseLabel())),
                        t.en().replace(was.englishLabel(), to.englishLabel()));
        ActionPlan copy = new ActionPlan(to.year(), renamed.apply(source.title()), renamed.apply(source.edition()),
                renamed.apply(source.purpose()), source.policies(), source.sceneTargets(), source.notes(),
                ActionPlan.Status.DRAFT);
        List<ActionPlan> plans = new ArrayList<>(plan.actionPlans());
        plans.add(copy);
        plans.sort(Comparator.comparingInt(ActionPlan::fiscalYear));
        List<Indicator> indicators = plan.indicators().stream().map(i -> {
            Optional<Target> inForce = i.targetFor(was);
            if (inForce.isEmpty() || i.targets().stream().anyMatch(t -> t.fiscalYear() == to.year())) {
                return i;
            }
            List<Target> targets = new ArrayList<>(i.targets());
            targets.add(new Target(to.year(), inForce.get().value()));
            return IndicatorEditor.withTargets(i, targets);
        }).toList();
        return with(plan, plans, indicators);
    }

    /** A new plan period as the board names it: its last year and the plan's title for it. */
    public record NewPeriod(Integer lastYear, LocalizedText title) {
    }

    /**
     * Starts the plan period after the one in force (FY2028–2032 after FY2023–2027): the plan takes the new period and
     * title, the period ending keeps its title as an earlier period, and every action plan stays. {@code first} must be
     * the year after the period in force; its action plan is then rolled forward as for any year.
     */
    public static Plan startPeriod(Plan plan, FiscalYear first, NewPeriod period) {
        FieldChecks check = new FieldChecks();
        if (first.year() != plan.lastYear() + 1) {
            check.add("fiscalYear", "a new plan period starts the year after the period in force ends: "
                    + "FY" + (plan.lastYear() + 1) + ", was " + first.year());
        }
        if (period.lastYear() == null || period.lastYear() < first.year() || period.lastYear() > first.year() + 9) {
            check.add("newPeriod.lastYear", "the new period's last fiscal year, " + first.year() + " to "
                    + (first.year() + 9) + ", was " + period.lastYear());
        }
        if (period.title() == null) {
            check.add("newPeriod.title.ja", "required: the plan's title for the new period");
        } else {
            checkText(period.title(), "newPeriod.title", check);
        }
        check.throwIfAny();
        List<PlanPeriod> earlier = new ArrayList<>(plan.earlierPeriods());
        earlier.add(new PlanPeriod(plan.id(), plan.title(), plan.firstYear(), plan.lastYear()));
        return new Plan(plan.formatVersion(), plan.dataVersion(), plan.id(), period.title(), plan.vision(),
                plan.subtitle(), first.year(), period.lastYear(), plan.source(), plan.actionPlans(), plan.outlook(),
                plan.indicators(), earlier);
    }

    /** 令和７年度 for 令和7年度: Japanese documents write a year's digits either way. */
    private static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append((char) (c >= '0' && c <= '9' ? c - '0' + '０' : c)));
        return out.toString();
    }

    /** Publishes a draft action plan to schools and the public. */
    public static Plan publish(Plan plan, FiscalYear fy) {
        ActionPlan draft = actionPlan(plan, fy);
        if (draft.published()) {
            throw new ConflictException("fiscalYear", fy + "'s action plan is published already");
        }
        return replace(plan, new ActionPlan(draft.fiscalYear(), draft.title(), draft.edition(), draft.purpose(),
                draft.policies(), draft.sceneTargets(), draft.notes(), ActionPlan.Status.PUBLISHED));
    }

    // ------------------------------------------------------------------------------------------ action items

    /** Adds an action item to a fiscal year's action plan. */
    public static Plan addItem(Plan plan, FiscalYear fy, ItemInput in) {
        ActionPlan ap = actionPlan(plan, fy);
        FieldChecks check = new FieldChecks();
        if (in == null) {
            throw new InvalidInputException("body", "an action item: {\"id\":\"P1-B2\",\"measure\":\"1-2\","
                    + "\"actor\":\"BOARD\",\"text\":{\"ja\":\"…\",\"en\":\"…\"},\"indicatorIds\":[…]}");
        }
        if (in.id() == null || !in.id().trim().matches("[A-Za-z0-9._-]{1,32}")) {
            check.add("id", "1–32 letters, digits, '.', '_' or '-' (such as P1-B2), was "
                    + (in.id() == null ? "nothing" : "\"" + in.id() + "\""));
        } else if (item(ap, in.id().trim()).isPresent()) {
            throw new ConflictException("id", "action item " + in.id().trim() + " exists in " + fy + " already");
        }
        if (in.measure() == null) {
            check.add("measure", "required: the code of the measure it belongs to, one of "
                    + measureCodes(ap));
        }
        if (in.actor() == null) {
            check.add("actor", "required: BOARD or SCHOOL");
        }
        if (in.text() == null) {
            check.add("text.ja", "required");
        }
        checkItem(plan, ap, in, check);
        check.throwIfAny();
        ActionItem item = new ActionItem(in.id().trim(), in.actor(), Boolean.TRUE.equals(in.priority()), in.text(),
                in.indicatorIds());
        return replace(plan, moveItem(ap, null, item, in.measure()));
    }

    /** Changes an action item: the members given, the others kept. */
    public static Plan changeItem(Plan plan, FiscalYear fy, String itemId, ItemInput in) {
        ActionPlan ap = actionPlan(plan, fy);
        ActionItem old = item(ap, itemId).orElseThrow(() -> notFound("itemId", "no action item " + itemId + " in " + fy));
        if (in == null) {
            throw new InvalidInputException("body", "the members to change: actor, priority, text, indicatorIds, measure");
        }
        if (in.id() != null && !in.id().trim().equals(itemId)) {
            throw new InvalidInputException("id", "an item's id does not change (was \"" + in.id() + "\"): remove it and "
                    + "add one with the new id");
        }
        FieldChecks check = new FieldChecks();
        checkItem(plan, ap, in, check);
        check.throwIfAny();
        ActionItem item = new ActionItem(old.id(), in.actor() != null ? in.actor() : old.actor(),
                in.priority() != null ? in.priority() : old.priority(), in.text() != null ? in.text() : old.text(),
                in.indicatorIds() != null ? in.indicatorIds() : old.indicatorIds());
        return replace(plan, moveItem(ap, old.id(), item, in.measure()));
    }

    /** Removes an action item from a fiscal year's action plan. */
    public static Plan removeItem(Plan plan, FiscalYear fy, String itemId) {
        ActionPlan ap = actionPlan(plan, fy);
        item(ap, itemId).orElseThrow(() -> notFound("itemId", "no action item " + itemId + " in " + fy));
        return replace(plan, moveItem(ap, itemId, null, null));
    }

    private static void checkItem(Plan plan, ActionPlan ap, ItemInput in, FieldChecks check) {
        if (in.measure() != null && measure(ap, in.measure().trim()).isEmpty()) {
            check.add("measure", "no measure " + in.measure() + " in " + ap.year() + ": one of "
                    + measureCodes(ap));
        }
        if (in.text() != null) {
            checkText(in.text(), "text", check);
        }
        if (in.indicatorIds() != null) {
            for (int i = 0; i < in.indicatorIds().size(); i++) {
                String id = in.indicatorIds().get(i);
                if (id == null || plan.indicator(id).isEmpty()) {
                    check.add("indicatorIds[" + i + "]", "no indicator " + id);
                }
            }
            if (in.indicatorIds().stream().distinct().count() < in.indicatorIds().size()) {
                check.add("indicatorIds", "an indicator is listed twice");
            }
        }
    }

    /**
     * The action plan with item {@code oldId} taken out (when not null) and {@code item} put in (when not null):
     * in place of the old one, or at the end of measure {@code measureCode} when it is given and another.
     */
    private static ActionPlan moveItem(ActionPlan ap, String oldId, ActionItem item, String measureCode) {
        String home = oldId == null ? null : ap.policies().stream().flatMap(p -> p.measures().stream())
                .filter(m -> m.actionItems().stream().anyMatch(i -> i.id().equals(oldId))).findFirst()
                .map(Measure::code).orElseThrow();
        String target = measureCode == null ? home : measureCode.trim();
        List<BasicPolicy> policies = ap.policies().stream().map(p -> new BasicPolicy(p.number(), p.title(),
                p.measures().stream().map(m -> {
                    List<ActionItem> items = new ArrayList<>();
                    for (ActionItem i : m.actionItems()) {
                        if (!i.id().equals(oldId)) {
                            items.add(i);
                        } else if (item != null && m.code().equals(target)) {
                            items.add(item);
                        }
                    }
                    if (item != null && m.code().equals(target) && !m.code().equals(home)) {
                        items.add(item);
                    }
                    return new Measure(m.code(), m.number(), m.title(), m.focuses(), items);
                }).toList())).toList();
        return new ActionPlan(ap.fiscalYear(), ap.title(), ap.edition(), ap.purpose(), policies, ap.sceneTargets(),
                ap.notes(), ap.status());
    }

    static void checkText(LocalizedText text, String field, FieldChecks check) {
        if (text.ja().isBlank()) {
            check.add(field + ".ja", "required");
        }
        if (text.ja().length() > MAX_TEXT || text.en().length() > MAX_TEXT) {
            check.add(field, "at most " + MAX_TEXT + " characters");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static ActionPlan actionPlan(Plan plan, FiscalYear fy) {
        return plan.actionPlan(fy.year()).orElseThrow(() -> notFound("fiscalYear", "no action plan for " + fy
                + " (" + fy.japaneseLabel() + "); the plan has " + years(plan)));
    }

    private static Optional<ActionItem> item(ActionPlan ap, String id) {
        return ap.actionItems().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private static Optional<Measure> measure(ActionPlan ap, String code) {
        return ap.policies().stream().flatMap(p -> p.measures().stream()).filter(m -> m.code().equals(code)).findFirst();
    }

    private static List<String> measureCodes(ActionPlan ap) {
        return ap.policies().stream().flatMap(p -> p.measures().stream()).map(Measure::code).toList();
    }

    private static List<String> years(Plan plan) {
        return plan.actionPlans().stream().map(a -> "FY" + a.fiscalYear()).toList();
    }

    private static Plan replace(Plan plan, ActionPlan changed) {
        return with(plan, plan.actionPlans().stream().map(a -> a.fiscalYear() == changed.fiscalYear() ? changed : a)
                .toList(), plan.indicators());
    }

    static Plan with(Plan plan, List<ActionPlan> actionPlans, List<Indicator> indicators) {
        return new Plan(plan.formatVersion(), plan.dataVersion(), plan.id(), plan.title(), plan.vision(),
                plan.subtitle(), plan.firstYear(), plan.lastYear(), plan.source(), actionPlans, plan.outlook(),
                indicators, plan.earlierPeriods());
    }

    /** A 404 naming the path parameter that matched nothing. */
    static RuntimeException notFound(String field, String detail) {
        return new NotFound(field, detail);
    }

    /** Something a change names that the plan does not have; the REST layer answers it 404. */
    public static final class NotFound extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String field;

        NotFound(String field, String detail) {
            super(detail);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
