package org.gigaplan.platform.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan progress roll-up", description = "How the roll-up judges indicator values "
        + "against their targets.")
public @interface ProgressConfig {

    String PID = "org.gigaplan.platform.progress";

    @AttributeDefinition(name = "Minimum coverage (%)", description = "A value computed over those that reported "
            + "(schools, classes) is judged met or below only when at least this share of those expected reported; "
            + "else its status is INSUFFICIENT_DATA.", min = "0", max = "100")
    int minCoveragePercent() default 80;
}
