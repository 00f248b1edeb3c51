package org.gigaplan.tests.samplemodule;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Role;
import org.osgi.service.component.annotations.Component;

/**
 * TEST FIXTURE: {@code GET /api/samplemod/ping} answers {@code {"pong":true,"demoFills":[…]}}. The end-to-end tests use it to
 * see a module's resource join the platform's /api application (and its OpenAPI document) on install and
 * leave it on uninstall.
 */
@Component(service = PingResource.class)
@GigaPlanResource(name = "samplemod.ping")
@Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
@Path(SampleModule.ID)
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    /** The ping answer, with the demo fills the module has received. */
    public record Pong(boolean pong, List<String> demoFills) {
    }

    @GET
    @Path("ping")
    public Pong ping() {
        return new Pong(true, List.copyOf(SampleModule.DEMO_FILLS));
    }
}
