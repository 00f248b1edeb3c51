package org.gigaplan.plan.service;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.Plan;
import org.osgi.annotation.versioning.ProviderType;

/** The plan currently in force, and how to replace it with a new version of its data. */
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
     * Reads a plan data file (the shipped JSON format) and makes it the plan in force. The previous
     * version is kept in the import history.
     *
     * @throws org.gigaplan.plan.rest.InvalidInputException when the file is not a valid plan, naming what is wrong
     */
    PlanImport importPlan(InputStream json, String importedBy);

    /** Versions imported so far, newest first. */
    List<PlanImport> history();
}
