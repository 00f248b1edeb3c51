package org.gigaplan.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;

/**
 * The audit log in memory. What a module describes of the write it handles is kept in {@link #described()}, in
 * order, as {@code school: summary} (or the summary alone for city-wide data).
 */
public final class FakeAudit implements AuditLog {

    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    private final List<String> described = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public AuditEntry record(AuditEntry entry) {
        AuditEntry stored = new AuditEntry(ids.incrementAndGet(), entry.at(), entry.actor(), entry.role(),
                entry.school(), entry.channel(), entry.action(), entry.outcome(), entry.summary());
        entries.add(stored);
        return stored;
    }

    @Override
    public void describe(String summary) {
        describe(null, summary);
    }

    @Override
    public void describe(String school, String summary) {
        described.add(school == null ? summary : school + ": " + summary);
    }

    public List<String> described() {
        return List.copyOf(described);
    }

    @Override
    public List<AuditEntry> find(Query query, int offset, int limit) {
        List<AuditEntry> newestFirst = new ArrayList<>(entries.stream().filter(e -> matches(query, e)).toList());
        java.util.Collections.reverse(newestFirst);
        return newestFirst.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public long count(Query query) {
        return entries.stream().filter(e -> matches(query, e)).count();
    }

    private static boolean matches(Query q, AuditEntry e) {
        return (q.actor() == null || q.actor().equals(e.actor())) && (q.school() == null || q.school().equals(e.school()))
                && (q.action() == null || e.action().contains(q.action()))
                && (q.from() == null || !e.at().isBefore(q.from())) && (q.to() == null || e.at().isBefore(q.to()));
    }
}
