package org.gigaplan.platform.internal.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that answers the same immutable instance again and again until what it shows changes (the
 * plan, the progress roll-up a service keeps): {@link JsonProvider} writes the JSON of each such instance once and
 * sends those bytes to every later caller it answers. A method that builds a new answer per call gains nothing from it;
 * one whose answer is changed in place after it is returned must not carry it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Reused {
}
