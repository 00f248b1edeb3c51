package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-year school-ICT promotion plan with its yearly action plans, outlook and indicators.
 *
 * @param formatVersion version of the data format this plan was read from
 * @param dataVersion   version of the plan's content, set by whoever edits the data
 * @param firstYear     first fiscal year of the plan period
 * @param lastYear      last fiscal year of the plan period
 * @param source        the document the data was taken from
 */
public record Plan(int formatVersion, String dataVersion, String id, LocalizedText title, LocalizedText vision,
        LocalizedText subtitle, int firstYear, int lastYear, LocalizedText source, List<ActionPlan> actionPlans,
        List<OutlookItem> outlook, List<Indicator> indicators) {

    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        actionPlans = actionPlans == null ? List.of() : List.copyOf(actionPlans);
        outlook = outlook == null ? List.of() : List.copyOf(outlook);
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
    }

    public Optional<ActionPlan> actionPlan(int fiscalYear) {
        return actionPlans.stream().filter(a -> a.fiscalYear() == fiscalYear).findFirst();
    }

    public Optional<Indicator> indicator(String indicatorId) {
        return indicators.stream().filter(i -> i.id().equals(indicatorId)).findFirst();
    }

    public boolean covers(FiscalYear fiscalYear) {
        return fiscalYear.year() >= firstYear && fiscalYear.year() <= lastYear;
    }

    public List<FiscalYear> period() {
        return java.util.stream.IntStream.rangeClosed(firstYear, lastYear).mapToObj(FiscalYear::of).toList();
    }
}
