package org.gigaplan.platform.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan demo data", description = "Synthetic data for trying the platform out. "
        + "Never switch this on where real schools report.")
public @interface DemoConfig {

    String PID = "org.gigaplan.platform.demo";

    @AttributeDefinition(name = "Fill demo data", description = "On start, and whenever a policy module arrives, "
            + "fill a fiscal year of synthetic data through each module's demo hook (once per module and year).")
    boolean enabled() default false;

    @AttributeDefinition(name = "Fiscal year", description = "Fiscal year to fill, with the year before it; 0 means "
            + "the current one (by the platform's clock), filled up to today.")
    int fiscalYear() default 0;

    @AttributeDefinition(name = "Random seed", description = "Same seed, same data.")
    long seed() default 20250401L;
}
