package org.gigaplan.outreach.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan outreach (policy 4)", description = "The support site's feed, and the terms "
        + "staff meetings are counted in.")
public @interface OutreachConfig {

    String PID = "org.gigaplan.outreach";

    @AttributeDefinition(name = "Term starts", description = "First day of each term (MM-DD), the first on April 1: "
            + "Sendai's 前期 and 後期 by default.")
    String[] termStarts() default { "04-01", "10-01" };

    @AttributeDefinition(name = "Site title (ja)", description = "The title of the support site's Atom feed in Japanese.")
    String siteTitleJa() default "仙台市GIGAスクールサポートサイト";

    @AttributeDefinition(name = "Site title (en)", description = "The title of the support site's Atom feed in English.")
    String siteTitleEn() default "Sendai GIGA School Support Site";

    @AttributeDefinition(name = "Site address", description = "Where the support site's pages are (the feed links "
            + "each post to <address>/posts/<id>); empty, links point to this platform's public API.")
    String siteUrl() default "";

    @AttributeDefinition(name = "Parent-meeting check", description = "When the platform looks for schools without a "
            + "parent meeting this fiscal year (the plan asks for one a year, P4-S2): \"daily 08:00\".")
    String complianceSchedule() default "daily 08:00";

    @AttributeDefinition(name = "Warn this many days before March 31", description = "Each school still without a "
            + "parent meeting, and the board, are told once at each of these numbers of days before the year ends.")
    String[] parentMeetingWarnDays() default { "60", "30", "7" };
}
