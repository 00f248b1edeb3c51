package org.gigaplan.platform.internal.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "GIGA Plan API", description = "How /api authenticates callers and what it accepts.")
public @interface ApiConfig {

    String PID = "org.gigaplan.platform.api";

    @AttributeDefinition(name = "JAAS realm", description = "Karaf JAAS realm that checks user names and "
            + "passwords (HTTP Basic and the dashboard's login): 'gigaplan', the users in the database every node "
            + "shares, or 'karaf' (etc/users.properties, this node's own). Users get the role 'board', "
            + "'school@<school id>', 'teacher@<school id>/<teacher code>' or 'learner@<school id>'.")
    String realm() default "gigaplan";

    @AttributeDefinition(name = "Largest request body (bytes)", description = "Bigger request bodies are refused "
            + "with 413.")
    long maxRequestBytes() default 10L * 1024 * 1024;

    @AttributeDefinition(name = "Wrong passwords allowed", description = "After this many wrong passwords for one "
            + "user name from one address within the lock time, the name is refused (429) from that address, and "
            + "only from it, until the lock time has passed since the last one; each further lock of the same name "
            + "and address lasts twice as long.", min = "1")
    int loginFailuresAllowed() default 10;

    @AttributeDefinition(name = "Lock time (seconds)", description = "The window wrong passwords are counted in, "
            + "and how long a name stays refused from an address after the last one (the first time).", min = "1")
    int loginLockSeconds() default 300;

    @AttributeDefinition(name = "Verified logins kept (seconds)", description = "How long a user name and password "
            + "the realm accepted are remembered (as a keyed hash, in memory), so calls sending them again skip the "
            + "slow password hash. A changed password or removed user takes effect within this time; 0 remembers "
            + "nothing.", min = "0")
    int verifiedLoginSeconds() default 60;

    @AttributeDefinition(name = "Language", description = "The deployment's language (ja or en): error answers are "
            + "in it for callers whose Accept-Language names none; a caller naming one gets Japanese when it comes "
            + "first, else English.", options = { @Option(label = "日本語", value = "ja"), @Option(label = "English", value = "en") })
    String language() default "ja";

    @AttributeDefinition(name = "Session idle timeout (minutes)", description = "A dashboard login (session) not "
            + "used for this long ends; the next call needs a new login.", min = "1")
    int sessionIdleMinutes() default 30;

    @AttributeDefinition(name = "Session length (hours)", description = "A dashboard login ends this long after it "
            + "began, however much it is used.", min = "1")
    int sessionHours() default 12;

    @AttributeDefinition(name = "Anonymous calls a minute per address", description = "How often one address may "
            + "call /api without logging in, on average; past it (and the burst) it is answered 429. Logged-in "
            + "callers are not counted. Kept per node.", min = "1")
    int anonymousPerMinute() default 600;

    @AttributeDefinition(name = "Anonymous burst per address", description = "How many calls without logging in "
            + "one address may make at once before the average applies (a page loading its figures).", min = "1")
    int anonymousBurst() default 120;

    @AttributeDefinition(name = "Anonymous reads served at once", description = "How many reads without "
            + "credentials this node serves at the same time, each after the writes being served (up to 20 ms); the "
            + "others wait their turn, so however many anonymous clients call the public reads, logged-in users and "
            + "machine clients are served beside them. Health probes and logins never wait. 0: half the processors, "
            + "at least 1.", min = "0")
    int anonymousAtOnce() default 0;

    @AttributeDefinition(name = "Anonymous share of the turns (%)", description = "How much of their time the "
            + "turns serving reads without credentials are busy at most: after a call that took t, its turn rests "
            + "t × (100 − share) / share (at most 1 s) before the next, so the public reads leave the rest of the "
            + "server's time to logged-in users and machine clients however hard they are called. 100: no rest.",
            min = "1", max = "100")
    int anonymousSharePercent() default 50;

    @AttributeDefinition(name = "Anonymous wait (seconds)", description = "How long a read without credentials "
            + "waits for its turn before it is answered 503 with Retry-After.", min = "1")
    int anonymousWaitSeconds() default 10;

    @AttributeDefinition(name = "Trusted proxies", description = "Addresses of the load balancers or proxies in front "
            + "of this node, separated by commas: a request from one of them is counted by the client address it "
            + "names in X-Forwarded-For (wrong passwords, anonymous calls). Empty: the connection's address, and the "
            + "header is ignored.")
    String trustedProxies() default "";
}
