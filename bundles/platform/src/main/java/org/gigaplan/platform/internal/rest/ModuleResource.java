package org.gigaplan.platform.internal.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The policy modules installed right now, their indicators and health. */
@Component(service = ModuleResource.class)
@JaxrsResource
@JaxrsName("gigaplan.modules")
@JaxrsApplicationSelect(GigaPlanRest.APPLICATION_SELECT)
@Path("modules")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class ModuleResource {

    private final ProgressService progress;

    @Activate
    public ModuleResource(@Reference ProgressService progress) {
        this.progress = progress;
    }

    @GET
    public List<ModuleInfo> modules() {
        return progress.modules();
    }
}
