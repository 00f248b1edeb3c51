package org.gigaplan.plan.service;

import java.util.Set;

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
     * Switches a module on or off for a school.
     *
     * @return whether it was on before
     */
    boolean set(String moduleId, String schoolId, boolean enabled, String by);
}
