package org.gigaplan.plan.service;

import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.spi.Scope;
import org.osgi.annotation.versioning.ProviderType;

/** The plan tree with the live evidence the installed policy modules report. */
@ProviderType
public interface ProgressService {

    /** Every action item and indicator of the fiscal year's action plan, with current values. */
    ProgressReport report(FiscalYear fiscalYear, Scope scope);

    /**
     * The city's report as answered to callers who are not logged in: the service may answer one computed a few
     * seconds earlier although writes came in since (a deployment's setting), so that a stream of check-ins does not
     * make every public call compute the whole roll-up again; its {@code computedAt} says when. By default, as
     * {@link #report(FiscalYear, Scope)} for the city.
     */
    default ProgressReport publicReport(FiscalYear fiscalYear) {
        return report(fiscalYear, Scope.city());
    }

    /** Policy modules installed now. */
    List<ModuleInfo> modules();

    /** Whether a policy module of this id is installed now. */
    default boolean installed(String moduleId) {
        return modules().stream().anyMatch(m -> m.id().equals(moduleId));
    }
}
