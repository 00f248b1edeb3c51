package org.gigaplan.platform.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.platform.internal.store.ModuleSchoolStore;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Per-school module switches, read on every module request: kept in memory, written through to the database.
 */
@Component(service = ModuleEnablement.class)
public class ModuleEnablementImpl implements ModuleEnablement {

    private final ModuleSchoolStore store;
    private final Map<String, Set<String>> disabled = new ConcurrentHashMap<>();

    @Activate
    public ModuleEnablementImpl(@Reference PlatformDatabase database) {
        this.store = database.moduleSchools();
        store.disabled().forEach((module, schools) -> {
            Set<String> off = ConcurrentHashMap.newKeySet();
            off.addAll(schools);
            disabled.put(module, off);
        });
    }

    @Override
    public boolean isEnabled(String moduleId, String schoolId) {
        Set<String> off = disabled.get(moduleId);
        return off == null || !off.contains(schoolId);
    }

    @Override
    public Set<String> disabledSchools(String moduleId) {
        Set<String> off = disabled.get(moduleId);
        return off == null ? Set.of() : Set.copyOf(off);
    }

    @Override
    public synchronized boolean set(String moduleId, String schoolId, boolean enabled, String by) {
        boolean before = isEnabled(moduleId, schoolId);
        store.set(moduleId, schoolId, enabled, Instant.now(), by);
        Set<String> off = disabled.computeIfAbsent(moduleId, k -> ConcurrentHashMap.newKeySet());
        if (enabled) {
            off.remove(schoolId);
        } else {
            off.add(schoolId);
        }
        return before;
    }
}
