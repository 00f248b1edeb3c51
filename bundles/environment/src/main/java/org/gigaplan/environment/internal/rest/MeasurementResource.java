package org.gigaplan.environment.internal.rest;

import java.io.InputStream;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.core.HttpHeaders;
import org.gigaplan.environment.internal.MeasurementCsv;
import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.environment.internal.Measurement;
import org.gigaplan.environment.internal.Webhook;
import org.gigaplan.environment.internal.Webhooks;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.PathParam;
import org.gigaplan.plan.security.Public;
import org.gigaplan.environment.internal.FollowUpJob;
import org.gigaplan.environment.internal.NetworkService;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Network measurements from speed-test agents (the school's API key), school staff or the board. */
@Component(service = MeasurementResource.class)
@GigaPlanResource(name = "environment.measurements")
@Path("environment/measurements")
@Produces(MediaType.APPLICATION_JSON)
public class MeasurementResource {

    private final NetworkService network;
    private final FollowUpJob followUp;
    private final AuditLog audit;
    private final Webhooks webhooks;

    @Activate
    public MeasurementResource(@Reference NetworkService network, @Reference AuditLog audit,
            @Reference FollowUpJob followUp, @Reference Webhooks webhooks) {
        this.network = network;
        this.webhooks = webhooks;
        this.audit = audit;
        this.followUp = followUp;
    }

    /** The same from CSV ({@code school_id,measured_at,download_mbps,…}); errors name line and column. */
    @POST
    @Path("import")
    @Consumes("text/csv")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public NetworkService.BatchResult importCsv(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @Context Caller caller) {
        List<Measurement> parsed = MeasurementCsv.parse(CsvTable.read(body, CsvTable.charsetOf(type)),
                network.clock().zone());
        try {
            return post(parsed, caller);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.errors().stream().map(MeasurementCsv::toCsv).toList());
        } catch (ConflictException e) {
            throw MeasurementCsv.toCsv(e);
        }
    }

    /**
     * Stores a stock speed-test agent's output as the agent writes it: Ookla's {@code speedtest -f json},
     * librespeed-cli's {@code --json} or Speedtest Tracker's webhook ({@code format=ookla|librespeed|tracker}, else
     * told by the content); whether each test ran in class hours is decided by its time and the school day.
     * {@code point} says where the agent measures from (UPSTREAM by default); {@code schoolId} is the board's to give,
     * an agent's key names its school.
     */
    @POST
    @Path("agent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public NetworkService.BatchResult agent(Object output, @QueryParam("format") String format,
            @QueryParam("point") String point, @QueryParam("schoolId") String schoolId, @Context Caller caller) {
        String school = caller.ownSchool() != null ? caller.ownSchool() : schoolId;
        return post(network.agentOutput(output, format, point, school), caller);
    }

    /**
     * The same, posted to a school's webhook URL by an agent that cannot set a header: the secret in the path names
     * the school. A secret never made or revoked answers 404. An agent's notice that is not a result (Speedtest
     * Tracker's "test started") is taken and stores nothing.
     */
    @POST
    @Path("hook/{secret}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Public
    public NetworkService.BatchResult hook(@PathParam("secret") String secret, Object output,
            @QueryParam("format") String format, @QueryParam("point") String point) {
        Webhook hook = webhooks.open(secret).orElseThrow(() -> new NotFoundException("no such webhook"));
        List<Measurement> read = network.agentOutput(output, format, point, hook.schoolId());
        if (read.isEmpty()) {
            return NetworkService.BatchResult.none();
        }
        return record(read, hook.schoolId(), "webhook #" + hook.id(), hook.schoolId());
    }

    /** Stores measurements, all or none; a school's users and agents record for their own school only. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public NetworkService.BatchResult post(List<Measurement> measurements, @Context Caller caller) {
        return record(measurements, caller.ownSchool(), caller.name(), caller.schoolId());
    }

    private NetworkService.BatchResult record(List<Measurement> measurements, String ownSchool, String by,
            String auditSchool) {
        NetworkService.BatchResult r = network.record(measurements, ownSchool, by, false);
        String summary = "environment measurements: " + r.measurements() + " (" + r.stored() + " stored, "
                + r.unchanged() + " unchanged)"
                + (r.findingsOpened().isEmpty() ? "" : ", findings opened " + r.findingsOpened())
                + (r.findingsClosed().isEmpty() ? "" : ", findings closed " + r.findingsClosed());
        if (auditSchool != null) {
            audit.describe(auditSchool, summary);
        } else {
            audit.describe(summary);
        }
        followUp.announceOnceStored(r.findingsOpened());
        return r;
    }
}
