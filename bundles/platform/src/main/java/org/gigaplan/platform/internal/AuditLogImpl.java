package org.gigaplan.platform.internal;

import java.time.Instant;
import java.util.List;

import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.store.AuditStore;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log on the platform's database. */
@Component(service = { AuditLog.class, AuditLogImpl.class })
public class AuditLogImpl implements AuditLog {

    /** The summary being collected for the /api write handled on this thread, if any. */
    private static final ThreadLocal<StringBuilder> CURRENT = new ThreadLocal<>();

    private final AuditStore store;

    @Activate
    public AuditLogImpl(@Reference PlatformDatabase database) {
        this.store = database.audit();
    }

    @Override
    public AuditEntry record(AuditEntry entry) {
        return store.insert(new AuditEntry(0, Instant.now(), entry.actor(), entry.role(), entry.school(),
                entry.channel(), entry.action(), entry.outcome(), entry.summary()));
    }

    @Override
    public void describe(String summary) {
        StringBuilder current = CURRENT.get();
        if (current != null && summary != null && !summary.isBlank()) {
            current.append(current.length() == 0 ? "" : "; ").append(summary);
        }
    }

    @Override
    public List<AuditEntry> find(Query query, int offset, int limit) {
        return store.find(query, offset, limit);
    }

    @Override
    public long count(Query query) {
        return store.count(query);
    }

    /** Starts collecting the summary of the /api write on this thread. */
    public void begin() {
        CURRENT.set(new StringBuilder());
    }

    /** Ends the /api write on this thread and gives what was described, or null. */
    public String end() {
        StringBuilder current = CURRENT.get();
        CURRENT.remove();
        return current == null || current.length() == 0 ? null : current.toString();
    }
}
