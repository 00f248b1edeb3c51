package org.gigaplan.plan.service;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.Plan;
import org.osgi.annotation.versioning.ProviderType;

/** The plan currently in force, its versions, and how to replace it with a new version of its data. */
@ProviderType
public interface PlanService {

    Plan plan();

    default Optional<ActionPlan> actionPlan(FiscalYear fiscalYear) {
        return plan().actionPlan(fiscalYear.year());
    }

    default List<Indicator> indicators() {
        return plan().indicators();
    }

    default Optional<Indicator> indicator(String id) {
        return plan().indicator(id);
    }

    /**
     * Reads a plan data file (the shipped JSON format) and makes it the plan in force, as a new version. Every
     * earlier version is kept.
     *
     * @throws org.gigaplan.plan.rest.InvalidInputException when the file is not a valid plan, naming what is wrong
     * @throws IllegalStateException when the file reuses the data version of a stored version with other content
     */
    PlanVersion importPlan(InputStream json, String importedBy);

    /** Every version of the plan, newest first. */
    List<PlanVersion> versions();

    /** The plan as it was at a version; empty when there is no such version. */
    Optional<Plan> version(long version);
}
