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

    /** What the /api write handled on this thread has described so far. */
    public static final class Described {
        private final StringBuilder summary = new StringBuilder();
        private String school;

        public String summary() {
            return summary.length() == 0 ? null : summary.toString();
        }

        public String school() {
            return school;
        }
    }

    private static final ThreadLocal<Described> CURRENT = new ThreadLocal<>();

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
        describe(null, summary);
    }

    @Override
    public void describe(String school, String summary) {
        Described current = CURRENT.get();
        if (current == null) {
            return;
        }
        if (school != null) {
            current.school = school;
        }
        if (summary != null && !summary.isBlank()) {
            current.summary.append(current.summary.length() == 0 ? "" : "; ").append(summary);
        }
    }

    /**
     * A mark that grows with every write recorded by any node on this database: every /api write is recorded in the
     * same transaction as its data (a console change right after its own), so a value computed after reading the mark
     * is current until the mark changes.
     */
    public long writeMark() {
        return store.latestId();
    }

    @Override
    public List<AuditEntry> find(Query query, int offset, int limit) {
        return store.find(query, offset, limit);
    }

    @Override
    public long count(Query query) {
        return store.count(query);
    }

    /** A page of the entries matching and their count, neither reading more than it must ({@link AuditStore#page}). */
    public AuditStore.Found page(Query query, int offset, int limit, long atMost) {
        return store.page(query, offset, limit, atMost);
    }

    /** Starts collecting what the /api write on this thread describes. */
    public void begin() {
        CURRENT.set(new Described());
    }

    /** Ends the /api write on this thread and gives what it described. */
    public Described end() {
        Described current = CURRENT.get();
        CURRENT.remove();
        return current == null ? new Described() : current;
    }
}
