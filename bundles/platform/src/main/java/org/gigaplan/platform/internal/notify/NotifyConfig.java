package org.gigaplan.platform.internal.notify;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "GIGA Plan notifications", description = "How notices reach people by e-mail (the "
        + "dashboard's inbox needs no setting), and how often the scheduler and the mail sender look for work.")
public @interface NotifyConfig {

    String PID = "org.gigaplan.platform.notify";

    @AttributeDefinition(name = "Mail server (SMTP host)", description = "Empty: no mail is sent or queued; notices "
            + "still reach every inbox.")
    String smtpHost() default "";

    @AttributeDefinition(name = "Mail server port", description = "25 or 587 for STARTTLS, 465 for SSL.", min = "1",
            max = "65535")
    int smtpPort() default 587;

    @AttributeDefinition(name = "Connection security", options = {
            @Option(value = "starttls", label = "STARTTLS, required"),
            @Option(value = "ssl", label = "SSL/TLS from the start"),
            @Option(value = "none", label = "None (a relay on this machine or a test server only)") })
    String smtpSecurity() default "starttls";

    @AttributeDefinition(name = "Mail server user", description = "Empty: the server takes mail without a login.")
    String smtpUser() default "";

    @AttributeDefinition(name = "Password: environment variable", description = "The name of the environment "
            + "variable holding the mail server's password. Never written in this file or a log.")
    String smtpPasswordEnv() default "GIGAPLAN_SMTP_PASSWORD";

    @AttributeDefinition(name = "Password: file", description = "Or a file holding only the password, readable by "
            + "the account the platform runs as (e.g. 0600). Used when the environment variable is not set.")
    String smtpPasswordFile() default "";

    @AttributeDefinition(name = "Sender", description = "The From address of every mail.")
    String sender() default "gigaplan@localhost";

    @AttributeDefinition(name = "Dashboard address", description = "Where people open the dashboard, e.g. "
            + "https://gigaplan.example.jp/dashboard/: every mail links to the page where the work is done.")
    String dashboardUrl() default "http://localhost:8181/dashboard/";

    @AttributeDefinition(name = "Attempts before a mail fails", min = "1", max = "50")
    int maxAttempts() default 12;

    @AttributeDefinition(name = "First retry after (seconds)", description = "A mail the server did not take is tried "
            + "again after this long, then twice as long each time (at most an hour).", min = "1")
    int firstRetrySeconds() default 60;

    @AttributeDefinition(name = "Look for work every (seconds)", description = "How often the scheduler looks for "
            + "due jobs and the sender for mails to send (a new notice's mails go at once).", min = "1")
    int tickSeconds() default 30;

    @AttributeDefinition(name = "A job's lease (minutes)", description = "A node runs a due job holding a lease this "
            + "long; if the node dies, another runs the job once the lease is over.", min = "1")
    int leaseMinutes() default 30;

    @AttributeDefinition(name = "Weekly digest", description = "When those who chose the weekly digest get it: "
            + "\"weekly MON 07:00\"; see the README for the forms of a schedule.")
    String digestSchedule() default "weekly MON 07:00";

    @AttributeDefinition(name = "The board's monthly digest", description = "When the board gets the month's "
            + "digest (indicators whose status changed, schools most behind, the modules' sections such as open "
            + "findings): \"monthly 1 08:00\".")
    String boardDigestSchedule() default "monthly 1 08:00";

    @AttributeDefinition(name = "Node name", description = "This node's name in the job list and the delivery log. "
            + "Empty: the host name and the process id.")
    String nodeName() default "";
}
