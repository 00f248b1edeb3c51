package org.gigaplan.platform.internal;

import java.time.Instant;
import java.util.Set;

import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.platform.internal.store.ModuleSchoolStore;
import org.gigaplan.platform.internal.store.OncePerRequest;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Per-school module switches, read on every module request: kept in memory, written through to the database, and read
 * again when another node changed them (their change counter moved; looked up once per API request,
 * {@link org.gigaplan.platform.internal.store.OncePerRequest}). Inside a transaction the switches in memory
 * answer: the counter is not read on a second connection.
 */
@Component(service = ModuleEnablement.class)
public class ModuleEnablementImpl implements ModuleEnablement {

    private final ModuleSchoolStore store;
    private volatile ModuleSchoolStore.Switches switches;

    @Activate
    public ModuleEnablementImpl(@Reference PlatformDatabase database) {
        this.store = database.moduleSchools();
        this.switches = store.read();
    }

    @Override
    public boolean isEnabled(String moduleId, String schoolId) {
        Set<String> off = current().disabled().get(moduleId);
        return off == null || !off.contains(schoolId);
    }

    @Override
    public Set<String> disabledSchools(String moduleId) {
        return current().disabled().getOrDefault(moduleId, Set.of());
    }

    @Override
    public synchronized boolean set(String moduleId, String schoolId, boolean enabled, String by) {
        boolean before = isEnabled(moduleId, schoolId);
        store.set(moduleId, schoolId, enabled, Instant.now(), by);
        switches = store.read();
        OncePerRequest.wrote(OncePerRequest.Counter.MODULE_SWITCHES, switches.mark());
        return before;
    }

    private ModuleSchoolStore.Switches current() {
        ModuleSchoolStore.Switches known = switches;
        if (!Sql.inTransaction()
                && OncePerRequest.read(OncePerRequest.Counter.MODULE_SWITCHES, store::mark) != known.mark()) {
            known = store.read();
            switches = known;
            OncePerRequest.wrote(OncePerRequest.Counter.MODULE_SWITCHES, known.mark());
        }
        return known;
    }
}
