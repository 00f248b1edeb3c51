package org.gigaplan.examples.programming.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.gigaplan.examples.programming.cfg: what the indicator counts. */
@ObjectClassDefinition(name = "Programming lessons (example module)", description = "How the share of classes "
        + "with programming lessons is counted.")
public @interface ProgrammingConfig {

    String PID = "org.gigaplan.examples.programming";

    @AttributeDefinition(name = "Lessons a term", description = "A class counts when it had at least this many "
            + "programming lessons in the term.", min = "1", max = "50")
    int minimumLessons() default 2;

    @AttributeDefinition(name = "Term starts", description = "The day each term begins, MM-DD, from April: "
            + "\"04-01,10-01\" for two terms (前期・後期, as Sendai's schools keep), \"04-01,09-01,01-08\" for three.")
    String termStarts() default "04-01,10-01";
}
