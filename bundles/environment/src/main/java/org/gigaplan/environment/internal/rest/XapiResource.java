package org.gigaplan.environment.internal.rest;

import static org.gigaplan.environment.internal.rest.XapiParameters.bool;
import static org.gigaplan.environment.internal.rest.XapiParameters.checkVersion;
import static org.gigaplan.environment.internal.rest.XapiParameters.instant;
import static org.gigaplan.environment.internal.rest.XapiParameters.limit;
import static org.gigaplan.environment.internal.rest.XapiParameters.parseAgent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.PUT;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.gigaplan.environment.internal.HistoryUseService;
import org.gigaplan.environment.internal.XapiService;
import org.gigaplan.environment.internal.lrs.StatementFormats;
import org.gigaplan.environment.internal.lrs.XapiMultipart;
import org.gigaplan.environment.internal.store.LrsStore;
import org.gigaplan.environment.internal.store.XapiStore;
import org.gigaplan.plan.rest.FiscalYearParam;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.environment.internal.XapiClass;
import org.gigaplan.environment.internal.XapiActivityWeek;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Learning histories as an xAPI statements resource ({@code X-Experience-API-Version: 1.0.x}): digital drills post
 * statements with the school's API key; the school's staff and the board read them with the standard's common
 * filters, the learner always pseudonymous; the board erases a learner's records on request and sees per-school
 * summaries, groups of fewer than five learners hidden. Teachers see their classes' activity, a learner their own.
 */
@Component(service = XapiResource.class)
@GigaPlanResource(name = "environment.xapi")
@Path("environment/xapi")
@Produces(MediaType.APPLICATION_JSON)
public class XapiResource {

    public static final String VERSION_HEADER = "X-Experience-API-Version";
    /** The parameters GET statements takes (xAPI's, and the school and class): any other is refused. */
    static final java.util.Set<String> QUERY_PARAMETERS = java.util.Set.of("statementId", "voidedStatementId", "agent",
            "verb", "activity", "registration", "related_activities", "related_agents", "since", "until", "limit",
            "format", "attachments", "ascending", "cursor", "schoolId", "class");

    /** The time up to which every Statement stored is in what a GET answers. */
    public static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";

    /** A page of statements, as the xAPI StatementResult. */
    public record StatementResult(List<Map<String, Object>> statements, String more) {
    }

    private final XapiService xapi;
    private final HistoryUseService uses;
    private final AuditLog audit;

    @Activate
    public XapiResource(@Reference XapiService xapi, @Reference HistoryUseService uses, @Reference AuditLog audit) {
        this.xapi = xapi;
        this.uses = uses;
        this.audit = audit;
    }

    /** The LRS's versions: what a client asks before it posts (no credentials needed). */
    @GET
    @Path("about")
    @Public
    public Response about() {
        return Response.ok(Map.of("version", List.of("2.0.0", "1.0.3", "1.0.2", "1.0.1", "1.0.0"), "extensions",
                Map.of())).build();
    }

    /**
     * One Statement or an array of them, all or none; answers their ids. A Statement stored already is taken again
     * without change; one stored with other content is refused (409). Agents post for their key's school.
     */
    @POST
    @Path("statements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Response post(@HeaderParam(VERSION_HEADER) String version, @QueryParam("schoolId") String schoolId,
            Object body, @Context Caller caller) {
        return post(version, schoolId, body, Map.of(), caller);
    }

    /** The same with attachments: the Statements in the first part, each attachment's bytes in a part of its own. */
    @POST
    @Path("statements")
    @Consumes(XapiMultipart.MIXED)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Response postMixed(@HeaderParam(VERSION_HEADER) String version, @QueryParam("schoolId") String schoolId,
            @HeaderParam("Content-Type") String contentType, byte[] body, @Context Caller caller) {
        checkVersion(version);
        XapiMultipart.Posted posted = XapiMultipart.read(contentType, body);
        return post(version, schoolId, posted.statements(), posted.parts(), caller);
    }

    private Response post(String version, String schoolId, Object statements, Map<String, LrsStore.Attachment> parts,
            Caller caller) {
        checkVersion(version);
        String school = caller.schoolScope(schoolId);
        List<String> ids = xapi.store(statements, parts, school, caller.name(), false, version);
        audit.describe(school, "environment xAPI statements: " + ids.size());
        return Response.ok(ids).build();
    }

    /** Statements come as application/json, or multipart/mixed with their attachments; nothing else. */
    @POST
    @Path("statements")
    @Consumes(MediaType.WILDCARD)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Response postOther(@HeaderParam("Content-Type") String contentType) {
        throw unsupported(contentType);
    }

    /** One Statement with the id the client gave it ({@code statementId}); 204 when stored or stored already. */
    @PUT
    @Path("statements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Response put(@HeaderParam(VERSION_HEADER) String version, @QueryParam("statementId") String statementId,
            @QueryParam("schoolId") String schoolId, Object body, @Context Caller caller) {
        return put(version, statementId, schoolId, body, Map.of(), caller);
    }

    /** The same with attachments (multipart/mixed). */
    @PUT
    @Path("statements")
    @Consumes(XapiMultipart.MIXED)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Response putMixed(@HeaderParam(VERSION_HEADER) String version,
            @QueryParam("statementId") String statementId, @QueryParam("schoolId") String schoolId,
            @HeaderParam("Content-Type") String contentType, byte[] body, @Context Caller caller) {
        checkVersion(version);
        XapiMultipart.Posted posted = XapiMultipart.read(contentType, body);
        return put(version, statementId, schoolId, posted.statements(), posted.parts(), caller);
    }

    /** Statements come as application/json, or multipart/mixed with their attachments; nothing else. */
    @PUT
    @Path("statements")
    @Consumes(MediaType.WILDCARD)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Response putOther(@HeaderParam("Content-Type") String contentType) {
        throw unsupported(contentType);
    }

    private Response put(String version, String statementId, String schoolId, Object body,
            Map<String, LrsStore.Attachment> parts, Caller caller) {
        checkVersion(version);
        if (statementId == null || statementId.isBlank()) {
            throw new InvalidInputException("statementId", "required: the Statement's id");
        }
        if (!(body instanceof Map<?, ?> statement)) {
            throw new InvalidInputException("body", "one Statement");
        }
        Object given = statement.get("id");
        if (given != null && !statementId.equalsIgnoreCase(String.valueOf(given))) {
            throw new InvalidInputException("id", "the Statement's id (" + given + ") is not statementId ("
                    + statementId + ")");
        }
        Map<String, Object> withId = new java.util.LinkedHashMap<>();
        statement.forEach((k, v) -> withId.put(String.valueOf(k), v));
        withId.put("id", statementId);
        String school = caller.schoolScope(schoolId);
        xapi.store(withId, parts, school, caller.name(), false, version);
        audit.describe(school, "environment xAPI statement " + statementId);
        return Response.noContent().build();
    }

    private static InvalidInputException unsupported(String contentType) {
        return new InvalidInputException("Content-Type", "Statements come as application/json, or as multipart/mixed "
                + "with their attachments; was " + contentType);
    }

    /**
     * One Statement ({@code statementId}, or {@code voidedStatementId} for a voided one), or a page of them, newest
     * stored first, filtered as xAPI says (agent, verb, activity, registration, since and until the time stored,
     * limit, ascending, related_activities and related_agents) and by class; {@code more} leads to the next page.
     * Answers with the time the LRS is consistent through.
     */
    @GET
    @Path("statements")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public Response get(@HeaderParam(VERSION_HEADER) String version, @QueryParam("schoolId") String schoolId,
            @QueryParam("statementId") String statementId, @QueryParam("voidedStatementId") String voidedId,
            @QueryParam("agent") String agent, @QueryParam("verb") String verb, @QueryParam("activity") String activity,
            @QueryParam("registration") String registration, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("class") String classRef,
            @QueryParam("limit") Integer limit, @QueryParam("ascending") Boolean ascending,
            @QueryParam("cursor") String cursor, @QueryParam("format") String formatParam,
            @QueryParam("attachments") String attachments, @QueryParam("related_activities") String relatedActivities,
            @QueryParam("related_agents") String relatedAgents, @Context UriInfo uri,
            @Context javax.ws.rs.core.HttpHeaders headers, @Context Caller caller) {
        checkVersion(version);
        String format = StatementFormats.of(formatParam);
        boolean withAttachments = bool(attachments, "attachments");
        List<java.util.Locale> languages = headers.getAcceptableLanguages();
        for (String given : uri.getQueryParameters().keySet()) {
            if (!QUERY_PARAMETERS.contains(given)) {
                throw new InvalidInputException(given, "not a parameter of the Statements resource: "
                        + String.join(", ", QUERY_PARAMETERS));
            }
        }
        String school = schoolId == null && caller.role() == Role.BOARD ? null : caller.schoolScope(schoolId);
        boolean whole = xapi.keepsIdentities() && (caller.role() == Role.BOARD || caller.role() == Role.AGENT);
        String consistent = xapi.clock().now().toString();
        if (statementId != null || voidedId != null) {
            for (String other : List.of("statementId", "voidedStatementId", "agent", "verb", "activity",
                    "registration", "related_activities", "related_agents", "since", "until", "limit", "ascending",
                    "cursor", "class")) {
                if (uri.getQueryParameters().containsKey(other)
                        && !other.equals(statementId != null ? "statementId" : "voidedStatementId")) {
                    throw new InvalidInputException(other, "not with " + (statementId != null ? "statementId"
                            : "voidedStatementId") + ": one Statement is asked for");
                }
            }
            Map<String, Object> one = StatementFormats.apply(xapi.statement(statementId != null ? statementId
                    : voidedId, voidedId != null, school, whole).orElseThrow(() -> new NotFoundException(
                            "no such Statement")), format, languages);
            return answer(one, List.of(one), withAttachments, consistent);
        }
        String learner = agent == null ? null : xapi.pseudonym(parseAgent(agent), "agent");
        LrsStore.Filter filter = new LrsStore.Filter(school, learner, verb, activity,
                registration == null ? null : registration.toLowerCase(java.util.Locale.ROOT), classRef,
                instant(since, "since"), instant(until, "until"), Boolean.TRUE.equals(ascending),
                bool(relatedActivities, "related_activities"), bool(relatedAgents, "related_agents"));
        XapiService.StatementPage page = xapi.page(filter, cursor, limit(limit), whole);
        String more = "";
        if (page.more() != null) {
            java.net.URI next = uri.getRequestUriBuilder().replaceQueryParam("cursor", page.more()).build();
            more = next.getRawPath() + "?" + next.getRawQuery();
        }
        List<Map<String, Object>> formatted = page.statements().stream()
                .map(st -> StatementFormats.apply(st, format, languages)).toList();
        return answer(new StatementResult(formatted, more), formatted, withAttachments, consistent);
    }

    /** A GET's answer: JSON, or multipart/mixed with the JSON first and the Statements' attachments after it. */
    private Response answer(Object json, List<Map<String, Object>> statements, boolean withAttachments,
            String consistent) {
        Response.ResponseBuilder answer;
        if (withAttachments) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            String type = XapiMultipart.write(json, xapi.attachments(statements), out);
            answer = Response.ok(out.toByteArray(), type);
        } else {
            answer = Response.ok(json);
        }
        if (json instanceof Map<?, ?> one && one.get("stored") instanceof String stored) {
            // One Statement: when it was stored (xAPI 2.0).
            answer.lastModified(java.util.Date.from(Instant.parse(stored)));
        }
        return answer.header(CONSISTENT_THROUGH, consistent).build();
    }

    /**
     * Erases every statement of a learner and the documents their tools kept naming them (the board, on the learner's
     * or family's request): {@code erased} statements, {@code documents}.
     */
    @DELETE
    @Path("learners")
    public Map<String, Integer> erase(@QueryParam("agent") String agent) {
        if (agent == null) {
            throw new InvalidInputException("agent", "required: the learner as a JSON Agent");
        }
        XapiStore.Erased erased = xapi.erase(parseAgent(agent));
        audit.describe("environment xAPI: a learner's " + erased.statements() + " statements and " + erased.documents()
                + " documents erased");
        return Map.of("erased", erased.statements(), "documents", erased.documents());
    }

    /**
     * Per school: learners, statements and mean score in a fiscal year, or every year when none is named, or in a
     * period {@code since} … {@code until} (read from what is kept per learner and year and per school and day, the
     * hours before the period's first whole day and after its last from the statements); the board's view hides
     * groups under five.
     */
    @GET
    @Path("summary")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public List<XapiService.Summary> summary(@QueryParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear, @QueryParam("since") String since,
            @QueryParam("until") String until, @Context Caller caller) {
        String school = schoolId == null && caller.role() == Role.BOARD ? null : caller.schoolScope(schoolId);
        Instant from = instant(since, "since");
        Instant to = instant(until, "until");
        boolean board = caller.role() == Role.BOARD;
        if (from == null && to == null) {
            return xapi.summary(school, fiscalYear == null ? null
                    : FiscalYearParam.of(fiscalYear, "fiscalYear", xapi.clock()), board);
        }
        if (fiscalYear != null) {
            throw new InvalidInputException("fiscalYear", "give a fiscal year or a period (since, until), not both");
        }
        return xapi.summary(school, from == null ? Instant.EPOCH : from, to == null ? xapi.clock().now() : to, board);
    }

    /** The classes named in the school's statements (the last 90 days by default), with statements and learners. */
    @GET
    @Path("classes")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public List<XapiClass> classes(@QueryParam("schoolId") String schoolId, @QueryParam("since") String since,
            @QueryParam("until") String until, @Context Caller caller) {
        String school = caller.schoolScope(schoolId);
        Instant[] period = period(since, until);
        return xapi.classes(school, period[0], period[1]);
    }

    /**
     * A class's activity and results per week and activity (the last 90 days by default), for its school's staff
     * and teachers; a teacher's opening is counted as their use of learning histories that week.
     */
    @GET
    @Path("classes/{classRef}/activity")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public List<XapiActivityWeek> classActivity(@javax.ws.rs.PathParam("classRef") String classRef,
            @QueryParam("schoolId") String schoolId, @QueryParam("since") String since, @QueryParam("until") String until,
            @Context Caller caller) {
        String school = caller.schoolScope(schoolId);
        Instant[] period = period(since, until);
        List<XapiActivityWeek> weeks = xapi.classActivity(school, classRef, period[0], period[1]);
        if (caller.role() == Role.TEACHER) {
            uses.opened(school, caller.teacherId());
        }
        return weeks;
    }

    /**
     * The logged-in learner's own history: their newest statements (at most {@code limit}, 100 by default) and their
     * activity per week and activity, the last 90 days by default. Nobody else's, and nobody else reads it here.
     */
    @GET
    @Path("me")
    @Allow(Role.LEARNER)
    public XapiService.LearnerHistory me(@QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") Integer limit, @Context Caller caller) {
        Instant[] period = period(since, until);
        return xapi.learnerHistory(caller.schoolId(), caller.name(), period[0], period[1], limit(limit));
    }

    /** (since, until]: until now and since 90 days before until, unless given. */
    private Instant[] period(String since, String until) {
        Instant to = instant(until, "until");
        Instant end = to == null ? xapi.clock().now() : to;
        Instant from = instant(since, "since");
        Instant start = from == null ? end.minusSeconds(90L * 86_400) : from;
        if (!start.isBefore(end)) {
            throw new InvalidInputException("since", "must be before until (" + end + "), was " + start);
        }
        return new Instant[] { start, end };
    }


}
