package org.gigaplan.usage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan usage (policy 1)", description = "How scene-based device use is counted "
        + "and judged against the plan's targets (場面ごとの端末活用目標).")
public @interface UsageConfig {

    String PID = "org.gigaplan.usage";

    @AttributeDefinition(name = "Target uses a week", description = "A class meets a scene's target when its 1:1 "
            + "devices are used at least this many times a week in that scene (the plan: 3, 週3回以上).", min = "1",
            max = "35")
    int timesPerWeek() default 3;

    @AttributeDefinition(name = "Share of classes for a school", description = "A school meets a scene's target "
            + "when at least this percentage of its reporting classes meet it.", min = "1", max = "100")
    int schoolClassShare() default 50;

    @AttributeDefinition(name = "Term starts", description = "First day of each term as MM-DD, in fiscal-year "
            + "order (Sendai's two terms: 前期 from April 1, 後期 from October 1). A week belongs to the term its "
            + "Monday falls in.")
    String[] termStarts() default { "04-01", "10-01" };

    @AttributeDefinition(name = "Lesson slot (minutes)", description = "Usage events of one class and scene within "
            + "the same slot of the school day count as one use: thirty devices in one lesson are one use, not thirty.",
            min = "5", max = "240")
    int slotMinutes() default 60;

    @AttributeDefinition(name = "Weekly reminder", description = "When each school with classes that did not report "
            + "the week before is reminded, and the board gets the list: \"weekly MON 08:00\" (daily, weekly or "
            + "monthly; see the README).")
    String reminderSchedule() default "weekly MON 08:00";
}
