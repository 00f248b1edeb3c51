package org.gigaplan.plan.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method (or every method of a resource class; a method's own annotation
 * wins). Anonymous callers get 401, callers of another role 403. Which school's data a school or agent caller
 * may touch is the resource's to check with {@link Caller#mayAccessSchool}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface Allow {
    Role[] value();
}
