package org.gigaplan.testkit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gigaplan.plan.service.ModuleEnablement;

/** The board's per-school module switches in memory: every module is on for every school until switched off. */
public final class FakeEnablement implements ModuleEnablement {

    private final Map<String, Set<String>> off = new ConcurrentHashMap<>();

    @Override
    public boolean isEnabled(String moduleId, String schoolId) {
        return !disabledSchools(moduleId).contains(schoolId);
    }

    @Override
    public Set<String> disabledSchools(String moduleId) {
        return Set.copyOf(off.getOrDefault(moduleId, Set.of()));
    }

    @Override
    public boolean set(String moduleId, String schoolId, boolean enabled, String by) {
        Set<String> schools = off.computeIfAbsent(moduleId, m -> ConcurrentHashMap.newKeySet());
        return enabled ? schools.remove(schoolId) : schools.add(schoolId);
    }
}
