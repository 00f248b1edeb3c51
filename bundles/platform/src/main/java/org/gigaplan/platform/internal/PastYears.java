package org.gigaplan.platform.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.service.PlanClock;

/**
 * The fiscal years that have ended which a change of the plan reaches: their action plan, or the target in force in
 * them ({@link Indicator#targetFor}) of some indicator. Their progress was judged against those; a change to them
 * alters verdicts already given, so it needs the board's confirmation ({@code pastYear=true}, {@code --past-year}).
 * Baselines, names and units are not a year's: they stay editable.
 */
public final class PastYears {

    /** The request parameter (and, as {@code --past-year}, the console option) that confirms such a change. */
    public static final String PARAMETER = "pastYear";

    private PastYears() {
    }

    /** The years before {@code current} whose action plan or targets in force differ between the two plans. */
    static List<Integer> changed(Plan before, Plan after, FiscalYear current) {
        int first = Math.max(FiscalYear.MIN_YEAR, Math.min(before.firstCoveredYear(), after.firstCoveredYear()));
        for (Plan p : List.of(before, after)) {
            first = Math.min(first, p.actionPlans().stream().mapToInt(a -> a.fiscalYear()).min().orElse(first));
        }
        Set<String> ids = new LinkedHashSet<>();
        before.indicators().forEach(i -> ids.add(i.id()));
        after.indicators().forEach(i -> ids.add(i.id()));
        List<Integer> out = new ArrayList<>();
        for (int year = first; year < current.year(); year++) {
            FiscalYear fy = FiscalYear.of(year);
            int y = year;
            boolean changed = !Objects.equals(before.actionPlan(y), after.actionPlan(y)) || ids.stream().anyMatch(
                    id -> !Objects.equals(before.indicator(id).flatMap(i -> i.targetFor(fy)),
                            after.indicator(id).flatMap(i -> i.targetFor(fy))));
            if (changed) {
                out.add(year);
            }
        }
        return out;
    }

    /** The 409 for a change to years that have ended, unconfirmed. */
    static ConflictException refusal(List<Integer> years, PlanClock clock) {
        String en = years(years, "FY", "");
        String ja = years(years, "", "年度");
        return new ConflictException(PARAMETER, en + (years.size() == 1 ? " has" : " have") + " ended (today is "
                + clock.today() + ", " + clock.currentFiscalYear() + "): this change would alter " + (years.size() == 1
                        ? "its" : "their") + " action plan or targets, and so the verdicts already given for "
                + (years.size() == 1 ? "it" : "them") + ". Confirm it with " + PARAMETER + "=true (console: "
                + "--past-year) to change it all the same, or change the current year instead",
                ja + "は終了しています（今日は " + clock.today() + "、" + clock.currentFiscalYear().year() + "年度）。この変更は"
                        + "その年度の行動計画または目標を変え、すでに出た判定が変わります。それでも変更するときは " + PARAMETER
                        + "=true（コンソールでは --past-year）で確認してください。");
    }

    /** The 409 for an import that changes years that have ended, unconfirmed: an import confirms with replace. */
    static ConflictException importRefusal(List<Integer> years) {
        return new ConflictException("replace", "this import changes the action plan or targets of "
                + years(years, "FY", "") + ", which " + (years.size() == 1 ? "has" : "have") + " ended: the verdicts "
                + "already given would change. Confirm it with replace=true (plan:import --replace), or import a file "
                + "that leaves " + (years.size() == 1 ? "it" : "them") + " as they are", "この取り込みは終了した"
                + years(years, "", "年度") + "の行動計画または目標を変え、すでに出た判定が変わります。それでも取り込むときは "
                + "replace=true（plan:import --replace）で確認してください");
    }

    /** What the version's summary, and so the audit, records of a confirmed change to years that have ended. */
    static String confirmed(List<Integer> years) {
        return "confirmed change to ended " + years(years, "FY", "") + ", past verdicts may change";
    }

    private static String years(List<Integer> years, String before, String after) {
        return years.stream().map(y -> before + y + after).collect(Collectors.joining(", "));
    }
}
