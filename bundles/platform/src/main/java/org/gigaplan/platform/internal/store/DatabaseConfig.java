package org.gigaplan.platform.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan database use", description = "How the platform shares the pooled "
        + "connections of its DataSource (the pool itself: etc/org.ops4j.datasource-gigaplan.cfg).")
public @interface DatabaseConfig {

    String PID = "org.gigaplan.platform.database";

    @AttributeDefinition(name = "Concurrent writes", description = "At most this many /api writes hold a pooled "
            + "connection at once; the others wait their turn. Keep it under hikari.maximumPoolSize so that views "
            + "and the public roll-up always find a connection while writers queue. 0: no limit.", min = "0")
    int concurrentWrites() default 6;

    @AttributeDefinition(name = "Longest wait for a write's turn (ms)", description = "A write that waited this long "
            + "fails as busy, to be sent again.", min = "1")
    long writeTurnTimeoutMillis() default 30_000;
}
