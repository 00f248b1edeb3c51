package org.gigaplan.platform.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "GIGA Plan API security", description = "How /api callers are authenticated.")
public @interface SecurityConfig {

    String PID = "org.gigaplan.platform.security";

    @AttributeDefinition(name = "JAAS realm", description = "Karaf JAAS realm that checks user names and "
            + "passwords (HTTP Basic). Users get the role 'board', or 'school@<school id>' for one school.")
    String realm() default "karaf";
}
