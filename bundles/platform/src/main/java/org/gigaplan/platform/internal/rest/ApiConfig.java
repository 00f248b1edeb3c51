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
}
