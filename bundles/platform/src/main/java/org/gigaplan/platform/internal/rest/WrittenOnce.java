package org.gigaplan.platform.internal.rest;

import java.lang.ref.WeakReference;

/**
 * The JSON of the last few {@link Reused} answers, found by the answer's identity (never by equality: two equal
 * reports computed apart are two entries). The answers are held weakly, so an answer its service has replaced is
 * dropped with its bytes at the next collection or when newer ones take its place.
 */
final class WrittenOnce {

    /** Above this, the bytes are written again each time rather than held. */
    static final int MAX_BYTES = 4 << 20;

    private record Entry(WeakReference<Object> answer, byte[] json) {
    }

    private final Entry[] entries;
    private int next;

    WrittenOnce(int size) {
        this.entries = new Entry[size];
    }

    /** The JSON kept for this very instance, or null. */
    synchronized byte[] find(Object answer) {
        for (Entry e : entries) {
            if (e != null && e.answer().get() == answer) {
                return e.json();
            }
        }
        return null;
    }

    /** Keeps an instance's JSON, in place of the oldest kept (or of an entry whose answer is gone). */
    synchronized void keep(Object answer, byte[] json) {
        if (json.length > MAX_BYTES) {
            return;
        }
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null || entries[i].answer().get() == null) {
                entries[i] = new Entry(new WeakReference<>(answer), json);
                return;
            }
        }
        entries[next] = new Entry(new WeakReference<>(answer), json);
        next = (next + 1) % entries.length;
    }
}
