package org.gigaplan.platform.internal;

import org.gigaplan.plan.service.PlanClock;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan clock", description = "The one clock and zone of the whole platform: "
        + "today decides the current fiscal year, the default of every view and the year a survey answer belongs to.")
public @interface ClockConfig {

    String PID = "org.gigaplan.clock";

    @AttributeDefinition(name = "Time zone", description = "Zone the city's days, school weeks and fiscal years are "
            + "counted in (an IANA id such as Asia/Tokyo).")
    String zone() default PlanClock.DEFAULT_ZONE_ID;

    @AttributeDefinition(name = "Today", description = "Pins the date (YYYY-MM-DD) for a trial or a test: the "
            + "platform runs as if today were that day, the time of day going on as usual. Empty: the real date. "
            + "Never set this where real schools report.", required = false)
    String today() default "";
}
