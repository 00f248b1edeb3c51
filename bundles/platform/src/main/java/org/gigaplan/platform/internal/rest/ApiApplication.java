package org.gigaplan.platform.internal.rest;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one JAX-RS application, at {@code /api}. Its JSON provider and error mappers come with it, so a
 * module's resource that selects it answers in the platform's JSON and problem format from its first call.
 */
@Component(service = Application.class)
@JaxrsName(GigaPlanRest.APPLICATION_NAME)
@JaxrsApplicationBase(GigaPlanRest.APPLICATION_BASE)
public class ApiApplication extends Application {

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new JsonProvider(), new ParamConverters(), new ProblemMappers.InvalidInput(), new ProblemMappers.WebApplication(),
                new ProblemMappers.Unexpected());
    }
}
