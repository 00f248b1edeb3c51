package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-year school-ICT promotion plan with its yearly action plans, outlook and indicators.
 *
 * @param formatVersion version of the data format this plan was read from
 * @param dataVersion   version of the plan's content, set by whoever edits the data
 * @param firstYear     first fiscal year of the plan period in force
 * @param lastYear      last fiscal year of the plan period in force
 * @param source        the document the data was taken from
 * @param earlierPeriods the plan periods before this one, oldest first, each ending the year before the next begins;
 *                      their action plans stay in {@code actionPlans}
 */
public record Plan(int formatVersion, String dataVersion, String id, LocalizedText title, LocalizedText vision,
        LocalizedText subtitle, int firstYear, int lastYear, LocalizedText source, List<ActionPlan> actionPlans,
        List<OutlookItem> outlook, List<Indicator> indicators, List<PlanPeriod> earlierPeriods) {

    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        actionPlans = actionPlans == null ? List.of() : List.copyOf(actionPlans);
        outlook = outlook == null ? List.of() : List.copyOf(outlook);
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        earlierPeriods = earlierPeriods == null ? List.of() : List.copyOf(earlierPeriods);
    }

    /** A plan of one period. */
    public Plan(int formatVersion, String dataVersion, String id, LocalizedText title, LocalizedText vision,
            LocalizedText subtitle, int firstYear, int lastYear, LocalizedText source, List<ActionPlan> actionPlans,
            List<OutlookItem> outlook, List<Indicator> indicators) {
        this(formatVersion, dataVersion, id, title, vision, subtitle, firstYear, lastYear, source, actionPlans, outlook,
                indicators, List.of());
    }

    /** The first fiscal year of the earliest period this plan holds. */
    public int firstCoveredYear() {
        return earlierPeriods.isEmpty() ? firstYear : Math.min(firstYear, earlierPeriods.get(0).firstYear());
    }

    public Optional<ActionPlan> actionPlan(int fiscalYear) {
        return actionPlans.stream().filter(a -> a.fiscalYear() == fiscalYear).findFirst();
    }

    public Optional<Indicator> indicator(String indicatorId) {
        return indicators.stream().filter(i -> i.id().equals(indicatorId)).findFirst();
    }

    /** Whether a fiscal year lies in the period in force or an earlier one this plan holds. */
    public boolean covers(FiscalYear fiscalYear) {
        return fiscalYear.year() >= firstCoveredYear() && fiscalYear.year() <= lastYear;
    }

    /** Every fiscal year of this plan's periods, the earlier ones first. */
    public List<FiscalYear> period() {
        return java.util.stream.IntStream.rangeClosed(firstCoveredYear(), lastYear).mapToObj(FiscalYear::of).toList();
    }
}
