package org.gigaplan.platform.internal.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan API", description = "How /api authenticates callers and what it accepts.")
public @interface ApiConfig {

    String PID = "org.gigaplan.platform.api";

    @AttributeDefinition(name = "JAAS realm", description = "Karaf JAAS realm that checks user names and "
            + "passwords (HTTP Basic). Users get the role 'board', or 'school@<school id>' for one school.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Largest request body (bytes)", description = "Bigger request bodies are refused "
            + "with 413.")
    long maxRequestBytes() default 10L * 1024 * 1024;

    @AttributeDefinition(name = "Wrong passwords allowed", description = "After this many wrong passwords for one "
            + "user name within the lock time, the name is refused (429) until the lock time has passed since the "
            + "last one.", min = "1")
    int loginFailuresAllowed() default 10;

    @AttributeDefinition(name = "Lock time (seconds)", description = "The window wrong passwords are counted in, "
            + "and how long a name stays refused after the last one.", min = "1")
    int loginLockSeconds() default 300;
}
