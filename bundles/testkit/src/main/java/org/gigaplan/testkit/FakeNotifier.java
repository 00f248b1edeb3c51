package org.gigaplan.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.notify.Notifier;

/**
 * The notifier in memory, keeping the platform's promise that a notice is sent once per key: {@link #sent()} lists
 * what was sent, in order, without the repeats that {@link #send} answered false to.
 */
public final class FakeNotifier implements Notifier {

    private final List<Notice> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Notice> byKey = new ConcurrentHashMap<>();

    @Override
    public boolean send(Notice notice) {
        if (byKey.putIfAbsent(notice.key(), notice) != null) {
            return false;
        }
        sent.add(notice);
        return true;
    }

    public List<Notice> sent() {
        return List.copyOf(sent);
    }

    /** What was sent to one audience, in order. */
    public List<Notice> sentTo(Audience audience) {
        return sent.stream().filter(n -> n.audience().equals(audience)).toList();
    }

    public void clear() {
        sent.clear();
        byKey.clear();
    }
}
