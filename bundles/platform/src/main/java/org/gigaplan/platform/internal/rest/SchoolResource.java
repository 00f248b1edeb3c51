package org.gigaplan.platform.internal.rest;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.SchoolImport;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.platform.internal.SchoolServiceImpl;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The school directory: the board sees and imports every school, a school its own. */
@Component(service = SchoolResource.class)
@GigaPlanResource(name = "gigaplan.schools")
@Path("schools")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolResource {

    private final SchoolServiceImpl schools;
    private final AuditLog audit;

    @Activate
    public SchoolResource(@Reference SchoolServiceImpl schools, @Reference AuditLog audit) {
        this.schools = schools;
        this.audit = audit;
    }

    /** The board sees every school, a school's staff their own. */
    @GET
    @Allow({ Role.BOARD, Role.SCHOOL })
    public Page<School> list(@QueryParam("type") String type, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit, @Context SecurityContext security) {
        SchoolType t = type == null ? null : SchoolType.parse(type).orElseThrow(() -> new InvalidInputException("type",
                "one of ELEMENTARY, JUNIOR_HIGH, SECONDARY, HIGH, SPECIAL_NEEDS, was \"" + type + "\""));
        PageRequest page = PageRequest.of(offset, limit);
        Caller caller = Caller.of(security).orElseThrow(IllegalStateException::new);
        if (caller.role() != Role.BOARD) {
            List<School> own = schools.find(caller.schoolId()).filter(s -> t == null || s.type() == t).stream().toList();
            return Page.of(own.stream().skip(page.offset()).limit(page.limit()).toList(), page, own.size());
        }
        return Page.of(schools.list(t, page.offset(), page.limit()), page, schools.count(t));
    }

    @GET
    @Path("{id}")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public School one(@PathParam("id") String id, @Context SecurityContext security) {
        Caller.of(security).orElseThrow(IllegalStateException::new).requireSchool(id);
        return schools.find(id).orElseThrow(() -> Problem.notFound("id", "no school " + id));
    }

    /**
     * Adds or updates schools from CSV ({@code id,name_ja,name_en,type,enrollment,classes}); all rows or none. A row
     * changing a school's type is refused unless {@code typeChange=true}.
     */
    @POST
    @Path("import")
    @Consumes("text/csv")
    public SchoolImport importCsv(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @QueryParam("typeChange") boolean typeChange) {
        SchoolImport result = schools.importCsv(CsvTable.read(body, CsvTable.charsetOf(type)), false, typeChange);
        audit.describe(AuditSummaries.schoolImport(result));
        return result;
    }
}
