package org.gigaplan.training.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan training (policy 2)", description = "When teachers are reminded of the "
        + "trainings they enrolled in, and schools of attendance not recorded.")
public @interface TrainingConfig {

    String PID = "org.gigaplan.training";

    @AttributeDefinition(name = "Training reminders", description = "When the platform looks for tomorrow's sessions "
            + "(each enrolled teacher is reminded) and past ones without attendance (the school is told): "
            + "\"daily 07:30\".")
    String reminderSchedule() default "daily 07:30";

    @AttributeDefinition(name = "Attendance due after (days)", description = "A session's attendance not recorded "
            + "this many days after it was held is asked of the school, once.", min = "1")
    int attendanceAfterDays() default 2;
}
