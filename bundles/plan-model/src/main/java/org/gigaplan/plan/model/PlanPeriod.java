package org.gigaplan.plan.model;

import java.util.Objects;

/**
 * A plan period that came before the one in force (the FY2023–2027 plan once FY2028–2032's is adopted): its action
 * plans stay readable under the plan that continues it.
 *
 * @param id        the plan's id in that period
 * @param title     the plan's title in that period
 * @param firstYear its first fiscal year
 * @param lastYear  its last fiscal year
 */
public record PlanPeriod(String id, LocalizedText title, int firstYear, int lastYear) {

    public PlanPeriod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
