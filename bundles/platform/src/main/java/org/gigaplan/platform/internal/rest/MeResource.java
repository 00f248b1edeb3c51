package org.gigaplan.platform.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.osgi.service.component.annotations.Component;

/** Who the caller is to GIGA Plan: a web client checks a login with it and learns which views to offer. */
@Component(service = MeResource.class)
@GigaPlanResource(name = "gigaplan.me")
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** The caller: user name (or API key label), role, school and teacher code where they have one. */
    @GET
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT, Role.TEACHER, Role.LEARNER })
    public Caller me(@Context Caller caller) {
        return caller;
    }
}
