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

    @AttributeDefinition(name = "Longest a report is reused (seconds)", description = "A report (the city's or a "
            + "school's, for a fiscal year) is computed again as soon as any write is recorded, the plan or the "
            + "installed modules change, or the day changes; and at the latest after this long, for data no write "
            + "records (demo fills). 0 computes every report afresh.", min = "0")
    int reuseSeconds() default 60;

    @AttributeDefinition(name = "Public roll-up may lag by (seconds)", description = "The city's roll-up answered to "
            + "callers who are not logged in may be up to this old although writes came in since (its computedAt "
            + "says when it was computed), so a stream of check-ins does not make every public call compute it again. "
            + "Logged-in callers always get one computed after the last write. 0: as fresh for everyone.", min = "0")
    int publicLagSeconds() default 10;

    @AttributeDefinition(name = "Font of the PDF report", description = "A Japanese TrueType font file (.ttf) the "
            + "year's PDF report is set in and embeds. Empty: the first found of the IPA and Takao Gothic fonts the "
            + "operating system's packages install (fonts-ipafont-gothic, fonts-ipaexfont-gothic, ipa-gothic-fonts).")
    String reportFont() default "";
}
