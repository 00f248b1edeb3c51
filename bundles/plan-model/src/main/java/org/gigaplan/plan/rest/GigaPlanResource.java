package org.gigaplan.plan.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;
import org.osgi.service.jaxrs.whiteboard.annotations.RequireJaxrsWhiteboard;

/**
 * Declares a Declarative Services component a JAX-RS resource of the platform's application, in one line:
 *
 * <pre>
 * &#64;Component(service = MeasureResource.class)
 * &#64;GigaPlanResource(name = "usage.measures")
 * &#64;Path("usage/measures")
 * public class MeasureResource { … }
 * </pre>
 *
 * It sets {@code osgi.jaxrs.resource=true}, {@code osgi.jaxrs.name} and
 * {@code osgi.jaxrs.application.select=}{@value GigaPlanRest#APPLICATION_SELECT}, and requires the JAX-RS whiteboard,
 * as the three whiteboard property types would. The resource's {@code @Path} must start with its module's id: the
 * platform refuses the module otherwise.
 */
@ComponentPropertyType
@RequireJaxrsWhiteboard
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GigaPlanResource {

    /** Prefix of the service properties the elements below name. */
    String PREFIX_ = "osgi.jaxrs.";

    /** {@code osgi.jaxrs.name}: the module id, a dot, the resource's own name ({@code usage.measures}). */
    String name();

    /** {@code osgi.jaxrs.resource}: always true. */
    boolean resource() default true;

    /** {@code osgi.jaxrs.application.select}: the platform's application. */
    String application_select() default GigaPlanRest.APPLICATION_SELECT;
}
