package org.gigaplan.platform.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.security.Public;
import org.osgi.service.component.annotations.Component;

/** The API explorer: Swagger UI, served from this bundle so it works offline, reading /api/openapi.json. */
@Component(service = ExplorerResource.class)
@GigaPlanResource(name = "gigaplan.explorer")
@Path("explorer")
@Public
public class ExplorerResource {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=UTF-8",
            "js", "application/javascript; charset=UTF-8", "css", "text/css; charset=UTF-8", "png", "image/png");

    /** Ours; every other file is Swagger UI's. */
    private static final java.util.Set<String> OWN_FILES = java.util.Set.of("index.html", "explorer.js");

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/" + GigaPlanRest.APPLICATION_BASE + "/explorer/")).build();
    }

    @GET
    @Path("{file: .*}")
    public Response file(@PathParam("file") String file) {
        String name = file.isEmpty() ? "index.html" : file;
        String resource = OWN_FILES.contains(name) ? "explorer/" + name : "swagger-ui/" + name;
        String ext = name.substring(name.lastIndexOf('.') + 1);
        InputStream in = name.contains("..") || !TYPES.containsKey(ext) ? null
                : ExplorerResource.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw Problem.notFound("file", "no explorer file " + name);
        }
        return Response.ok(in, TYPES.get(ext)).header("Cache-Control", "max-age=3600").build();
    }
}
