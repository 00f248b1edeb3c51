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

    /** Policy modules installed now. */
    List<ModuleInfo> modules();

    /** Whether a policy module of this id is installed now. */
    default boolean installed(String moduleId) {
        return modules().stream().anyMatch(m -> m.id().equals(moduleId));
    }
}
