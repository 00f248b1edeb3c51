package org.gigaplan.platform.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded in-memory maps that drop their least recently used entry once full: the platform's per-node memories. */
public final class Lru {

    private Lru() {
    }

    /** A map of at most {@code max} entries, ordered by access; not synchronised (callers guard it). */
    public static <K, V> Map<K, V> map(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
