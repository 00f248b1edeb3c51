package org.gigaplan.environment.internal.rest;

import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.environment.internal.NetworkService;
import org.gigaplan.environment.internal.RecommendedBandwidth;
import org.gigaplan.environment.internal.SchoolStatus;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.environment.internal.StoredMeasurement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Schools against the recommended bandwidth (当面の推奨帯域): every school's status for the board, a school's own for
 * its staff; the table and the value for any enrollment (interpolated between rows, and saying so); a school's
 * measurements.
 */
@Component(service = NetworkStatusResource.class)
@GigaPlanResource(name = "environment.status")
@Path("environment/network")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class NetworkStatusResource {

    /** The table and, when an enrollment is given, the value for it. */
    public record Table(List<RecommendedBandwidth.Row> rows, RecommendedBandwidth.Recommendation recommendation) {
    }

    /** How statuses are judged, beside them. */
    public record Statuses(int windowDays, boolean classHoursOnly, int problemPercent, int recoveryPercent,
            List<SchoolStatus> schools) {
    }

    private final NetworkService network;

    @Activate
    public NetworkStatusResource(@Reference NetworkService network) {
        this.network = network;
    }

    @GET
    @Path("recommended-bandwidth")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Table table(@QueryParam("enrollment") Integer enrollment) {
        if (enrollment != null && (enrollment < 0 || enrollment > 100_000)) {
            throw new InvalidInputException("enrollment", "must be between 0 and 100000, was " + enrollment,
                    "児童生徒数は0〜100000にしてください（" + enrollment + "でした）");
        }
        return new Table(network.table().rows(), enrollment == null ? null : network.table().forEnrollment(enrollment));
    }

    /** Schools' status: the board every school (or one), a school's staff their own. */
    @GET
    @Path("status")
    public Statuses status(@QueryParam("schoolId") String schoolId, @Context Caller caller) {
        String school = caller.readScope(schoolId);
        var c = network.config();
        return new Statuses(c.windowDays(), c.classHoursOnly(), c.problemPercent(), c.recoveryPercent(),
                network.statuses(school));
    }

    /**
     * A measurement as the API answers it: its number (a finding's note names it), when and where it was taken, what
     * it found, whether during class hours, how many devices were on, and whether it is demo data.
     */
    public record Measurement(long id, String schoolId, Instant measuredAt, double downloadMbps, Double uploadMbps,
            Double latencyMs, Double lossPercent, String point, boolean classHours, Integer devices, boolean demo) {

        static Measurement of(StoredMeasurement m) {
            return new Measurement(m.id(), m.schoolId(), m.measuredAt(), m.downloadMbps(), m.uploadMbps(),
                    m.latencyMs(), m.lossPercent(), m.point(), m.classHours(), m.devices(), m.demo());
        }
    }

    /** A school's measurements between two instants (default: the last 90 days). */
    @GET
    @Path("measurements")
    public List<Measurement> measurements(@QueryParam("schoolId") String schoolId, @QueryParam("from") Instant from,
            @QueryParam("to") Instant to, @Context Caller caller) {
        String school = caller.schoolScope(schoolId);
        Instant end = to == null ? network.clock().now().plusSeconds(300) : to;
        return network.measurements(school, from == null ? end.minusSeconds(90L * 86_400) : from, end).stream()
                .map(Measurement::of).toList();
    }
}
