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
}
