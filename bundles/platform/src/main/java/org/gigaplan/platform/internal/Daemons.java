package org.gigaplan.platform.internal;

import java.util.concurrent.ThreadFactory;

/** The platform's background threads: named, so a thread dump says whose they are, and daemons, so none holds up a stop. */
public final class Daemons {

    private Daemons() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
