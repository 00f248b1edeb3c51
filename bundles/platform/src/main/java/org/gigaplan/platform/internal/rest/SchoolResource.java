package org.gigaplan.platform.internal.rest;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.service.SchoolImport;
import org.gigaplan.plan.service.SchoolService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The school directory. */
@Component(service = SchoolResource.class)
@JaxrsResource
@JaxrsName("gigaplan.schools")
@JaxrsApplicationSelect(GigaPlanRest.APPLICATION_SELECT)
@Path("schools")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolResource {

    private final SchoolService schools;

    @Activate
    public SchoolResource(@Reference SchoolService schools) {
        this.schools = schools;
    }

    @GET
    public Page<School> list(@QueryParam("type") String type, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        SchoolType t = type == null ? null : SchoolType.parse(type).orElseThrow(() -> new InvalidInputException("type",
                "one of ELEMENTARY, JUNIOR_HIGH, SECONDARY, HIGH, SPECIAL_NEEDS, was \"" + type + "\""));
        PageRequest page = PageRequest.of(offset, limit);
        return Page.of(schools.list(t, page.offset(), page.limit()), page, schools.count(t));
    }

    @GET
    @Path("{id}")
    public School one(@PathParam("id") String id) {
        return schools.find(id).orElseThrow(() -> Problem.notFound("id", "no school " + id));
    }

    /** Adds or updates schools from CSV ({@code id,name_ja,name_en,type,enrollment,classes}); all rows or none. */
    @POST
    @Path("import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    public SchoolImport importCsv(InputStream body) {
        return schools.importCsv(new InputStreamReader(body, StandardCharsets.UTF_8), false);
    }
}
