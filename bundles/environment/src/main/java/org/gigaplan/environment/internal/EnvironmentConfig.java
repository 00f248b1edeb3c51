package org.gigaplan.environment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan environment (policy 3)", description = "How a school's network is judged "
        + "against the recommended bandwidth, and when findings open and close.")
public @interface EnvironmentConfig {

    String PID = "org.gigaplan.environment";

    @AttributeDefinition(name = "Window (days)", description = "A school's status is computed from its measurements "
            + "of this many days up to its newest one.", min = "1", max = "365")
    int windowDays() default 30;

    @AttributeDefinition(name = "Class hours only", description = "Count only tests taken during class hours (peak "
            + "time); the others are kept but not judged.")
    boolean classHoursOnly() default true;

    @AttributeDefinition(name = "Problem threshold (%)", description = "A finding opens when the median download of "
            + "the window falls below this share of the recommended bandwidth.", min = "1", max = "200")
    int problemPercent() default 100;

    @AttributeDefinition(name = "Recovery threshold (%)", description = "An open finding closes only when the median "
            + "reaches this share: higher than the problem threshold, so results around it do not open and close "
            + "findings again and again.", min = "1", max = "300")
    int recoveryPercent() default 110;

    @AttributeDefinition(name = "Learners' home page", description = "How a learner's login (JAAS role "
            + "learner@<school id>) is found in the drills' statements: empty, the login is their e-mail address "
            + "(actor mbox mailto:<login>); else the drills' account home page (actor account {homePage, name: <login>}).")
    String learnerHomePage() default "";

    @AttributeDefinition(name = "Follow-up check", description = "When the platform tells schools and the board of "
            + "findings opened, escalates old ones and watches the speed-test agents: \"daily 08:30\".")
    String followUpSchedule() default "daily 08:30";

    @AttributeDefinition(name = "Escalate after (days)", description = "A finding open this many days without a "
            + "countermeasure, or past its due date, is escalated to the board once.", min = "1")
    int escalateAfterDays() default 14;

    @AttributeDefinition(name = "Agent silent after (days)", description = "A school whose speed-test agent sent "
            + "nothing for this many days is told (and the board); when it sends again, they are told once.", min = "1")
    int agentSilentDays() default 3;

    @AttributeDefinition(name = "School day (class hours)", description = "When lessons are held on weekdays, in the "
            + "platform's zone, as HH:MM-HH:MM: a stock agent's test (which does not say) counts as a class-hour test "
            + "when it ran then.")
    String schoolDay() default "08:30-15:30";

    @AttributeDefinition(name = "xAPI learner identifiers", description = "How the LRS keeps a Statement's actor: "
            + "\"pseudonym\" (the identifier never stored: Statements come back with the pseudonym) or \"encrypted\" "
            + "(kept whole, encrypted at rest, returned as posted to the school's agent and the board; the school's "
            + "staff and every view see pseudonyms). A conformance run needs \"encrypted\".", options = {
                    @org.osgi.service.metatype.annotations.Option(label = "pseudonym", value = "pseudonym"),
                    @org.osgi.service.metatype.annotations.Option(label = "encrypted", value = "encrypted") })
    String xapiIdentities() default "pseudonym";

    @AttributeDefinition(name = "xAPI version by default", description = "The version the LRS answers in when a "
            + "request names none (X-Experience-API-Version absent, which it then refuses): \"1.0.3\", what most "
            + "drills speak, or \"2.0.0\". A request naming its version is answered in that version either way.",
            options = { @org.osgi.service.metatype.annotations.Option(label = "1.0.3", value = "1.0.3"),
                    @org.osgi.service.metatype.annotations.Option(label = "2.0.0", value = "2.0.0") })
    String xapiVersion() default "1.0.3";
}
