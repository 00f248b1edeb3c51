package org.gigaplan.plan.service;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.gigaplan.plan.model.School;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which installed policy modules each school uses. Installing a module's feature switches it on for the whole
 * deployment; the board can then switch it off for single schools. For such a school the platform refuses the
 * module's endpoints to the school's users and agents; the module leaves the school out of what it computes.
 */
@ProviderType
public interface ModuleEnablement {

    /** Whether a module is on for a school: true unless the board switched it off. */
    boolean isEnabled(String moduleId, String schoolId);

    /** The schools a module is switched off for. */
    Set<String> disabledSchools(String moduleId);

    /**
     * The ids of the schools of a directory a module serves: every one it is not switched off for. A city figure
     * counts these as expected to report.
     */
    default List<String> served(String moduleId, Collection<School> directory) {
        Set<String> off = disabledSchools(moduleId);
        return directory.stream().map(School::id).filter(id -> !off.contains(id)).toList();
    }

    /**
     * Switches a module on or off for a school.
     *
     * @return whether it was on before
     */
    boolean set(String moduleId, String schoolId, boolean enabled, String by);
}
