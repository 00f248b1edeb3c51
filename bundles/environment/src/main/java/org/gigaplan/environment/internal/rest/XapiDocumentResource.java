package org.gigaplan.environment.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.gigaplan.environment.internal.XapiService;
import org.gigaplan.environment.internal.lrs.StatementRules;
import org.gigaplan.environment.internal.lrs.XapiDocuments;
import org.gigaplan.environment.internal.lrs.XapiDocuments.Kind;
import org.gigaplan.environment.internal.store.DocumentStore;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The LRS's document resources and its Activities and Agents resources (xAPI 1.0.3 Communication 2.3–2.7), for the
 * school's agent, its staff and the board: {@code activities/state}, {@code activities/profile},
 * {@code agents/profile}, {@code activities}, {@code agents}.
 */
@Component(service = XapiDocumentResource.class)
@GigaPlanResource(name = "environment.xapi-documents")
@Path("environment/xapi")
@Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
public class XapiDocumentResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATE = Set.of("activityId", "agent", "registration", "stateId", "since",
            "schoolId");
    private static final Set<String> ACTIVITY_PROFILE = Set.of("activityId", "profileId", "since", "schoolId");
    private static final Set<String> AGENT_PROFILE = Set.of("agent", "profileId", "since", "schoolId");

    private final XapiDocuments documents;
    private final XapiService xapi;

    @Activate
    public XapiDocumentResource(@Reference XapiDocuments documents, @Reference XapiService xapi) {
        this.documents = documents;
        this.xapi = xapi;
    }

    // ------------------------------------------------------------------------------------------------ State

    @GET
    @Path("activities/state")
    public Response getState(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context Caller caller) {
        Params p = params(version, uri, STATE, true, true, caller);
        return read(p.set(Kind.STATE, documents), p.get("stateId"), p.since());
    }

    @PUT
    @Path("activities/state")
    @Consumes(MediaType.WILDCARD)
    public Response putState(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body, @Context Caller caller) {
        Params p = params(version, uri, STATE, true, true, caller);
        documents.put(Kind.STATE, p.set(Kind.STATE, documents), p.required("stateId"), type(headers), body(body),
                headers.getHeaderString("If-Match"), headers.getHeaderString("If-None-Match"), p.v2());
        return Response.noContent().build();
    }

    @POST
    @Path("activities/state")
    @Consumes(MediaType.WILDCARD)
    public Response postState(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body, @Context Caller caller) {
        Params p = params(version, uri, STATE, true, true, caller);
        documents.post(p.set(Kind.STATE, documents), p.required("stateId"), type(headers), body(body),
                headers.getHeaderString("If-Match"), headers.getHeaderString("If-None-Match"));
        return Response.noContent().build();
    }

    @DELETE
    @Path("activities/state")
    public Response deleteState(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context Caller caller) {
        Params p = params(version, uri, STATE, true, true, caller);
        if (p.get("stateId") == null) {
            documents.deleteAll(p.set(Kind.STATE, documents));
        } else {
            documents.delete(p.set(Kind.STATE, documents), p.get("stateId"), headers.getHeaderString("If-Match"));
        }
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------------------------------------ profiles

    @GET
    @Path("activities/profile")
    public Response getActivityProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version,
            @Context UriInfo uri, @Context Caller caller) {
        Params p = params(version, uri, ACTIVITY_PROFILE, true, false, caller);
        return read(p.set(Kind.ACTIVITY_PROFILE, documents), p.get("profileId"), p.since());
    }

    @PUT
    @Path("activities/profile")
    @Consumes(MediaType.WILDCARD)
    public Response putActivityProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version,
            @Context UriInfo uri, @Context HttpHeaders headers, byte[] body, @Context Caller caller) {
        return write(Kind.ACTIVITY_PROFILE, params(version, uri, ACTIVITY_PROFILE, true, false, caller), headers,
                body, false);
    }

    @POST
    @Path("activities/profile")
    @Consumes(MediaType.WILDCARD)
    public Response postActivityProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version,
            @Context UriInfo uri, @Context HttpHeaders headers, byte[] body, @Context Caller caller) {
        return write(Kind.ACTIVITY_PROFILE, params(version, uri, ACTIVITY_PROFILE, true, false, caller), headers,
                body, true);
    }

    @DELETE
    @Path("activities/profile")
    public Response deleteActivityProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version,
            @Context UriInfo uri, @Context HttpHeaders headers, @Context Caller caller) {
        Params p = params(version, uri, ACTIVITY_PROFILE, true, false, caller);
        documents.delete(p.set(Kind.ACTIVITY_PROFILE, documents), p.required("profileId"),
                headers.getHeaderString("If-Match"));
        return Response.noContent().build();
    }

    @GET
    @Path("agents/profile")
    public Response getAgentProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context Caller caller) {
        Params p = params(version, uri, AGENT_PROFILE, false, true, caller);
        return read(p.set(Kind.AGENT_PROFILE, documents), p.get("profileId"), p.since());
    }

    @PUT
    @Path("agents/profile")
    @Consumes(MediaType.WILDCARD)
    public Response putAgentProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body, @Context Caller caller) {
        return write(Kind.AGENT_PROFILE, params(version, uri, AGENT_PROFILE, false, true, caller), headers, body,
                false);
    }

    @POST
    @Path("agents/profile")
    @Consumes(MediaType.WILDCARD)
    public Response postAgentProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body, @Context Caller caller) {
        return write(Kind.AGENT_PROFILE, params(version, uri, AGENT_PROFILE, false, true, caller), headers, body,
                true);
    }

    @DELETE
    @Path("agents/profile")
    public Response deleteAgentProfile(@HeaderParam(XapiResource.VERSION_HEADER) String version,
            @Context UriInfo uri, @Context HttpHeaders headers, @Context Caller caller) {
        Params p = params(version, uri, AGENT_PROFILE, false, true, caller);
        documents.delete(p.set(Kind.AGENT_PROFILE, documents), p.required("profileId"),
                headers.getHeaderString("If-Match"));
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------------------------------------ Activities, Agents

    /** An Activity with the definition its newest Statement gave it. */
    @GET
    @Path("activities")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> activity(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context Caller caller) {
        Params p = params(version, uri, Set.of("activityId", "schoolId"), true, false, caller);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("objectType", "Activity");
        out.put("id", p.get("activityId"));
        xapi.definition(p.school(), p.get("activityId"), p.whole()).ifPresent(d -> out.put("definition", d));
        return out;
    }

    /** The Person of an Agent: the identifiers the LRS knows them by (those asked with; it keeps no other). */
    @GET
    @Path("agents")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> person(@HeaderParam(XapiResource.VERSION_HEADER) String version, @Context UriInfo uri,
            @Context Caller caller) {
        Params p = params(version, uri, Set.of("agent", "schoolId"), false, true, caller);
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("objectType", "Person");
        for (String key : List.of("name", "mbox", "mbox_sha1sum", "openid", "account")) {
            if (p.agent().get(key) != null) {
                person.put(key, List.of(p.agent().get(key)));
            }
        }
        return person;
    }

    // ------------------------------------------------------------------------------------------------ shared

    private Response read(DocumentStore.Set set, String id, java.time.Instant since) {
        if (id == null) {
            return Response.ok(documents.ids(set, since), MediaType.APPLICATION_JSON).build();
        }
        if (since != null) {
            throw new InvalidInputException("since", "only when listing the ids, not with one document's id");
        }
        DocumentStore.Document d = documents.get(set, id).orElseThrow(() -> new NotFoundException("no such document"));
        return Response.ok(d.content(), d.contentType()).header(HttpHeaders.ETAG, "\"" + d.etag() + "\"")
                .lastModified(java.util.Date.from(d.updatedAt())).build();
    }

    private Response write(Kind kind, Params p, HttpHeaders headers, byte[] body, boolean merge) {
        String id = p.required("profileId");
        if (merge) {
            documents.post(p.set(kind, documents), id, type(headers), body(body), headers.getHeaderString("If-Match"),
                    headers.getHeaderString("If-None-Match"));
        } else {
            documents.put(kind, p.set(kind, documents), id, type(headers), body(body),
                    headers.getHeaderString("If-Match"), headers.getHeaderString("If-None-Match"), p.v2());
        }
        return Response.noContent().build();
    }

    private static String type(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    }

    private static byte[] body(byte[] body) {
        return body == null ? new byte[0] : body;
    }

    /** A request's parameters, checked: none unknown, the activity an IRI, the agent an Agent, the times times. */
    private Params params(String version, UriInfo uri, Set<String> known, boolean activity, boolean agent,
            Caller caller) {
        XapiParameters.checkVersion(version);
        FieldChecks check = new FieldChecks();
        Map<String, String> given = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!known.contains(k)) {
                check.add(k, "not a parameter of this resource: " + String.join(", ", known));
            } else {
                given.put(k, v.get(0));
            }
        });
        if (activity) {
            if (given.get("activityId") == null) {
                check.add("activityId", "required: the Activity's IRI");
            } else {
                StatementRules.parameter("iri", given.get("activityId"), "activityId", check);
            }
        }
        Map<?, ?> parsedAgent = null;
        if (agent) {
            if (given.get("agent") == null) {
                check.add("agent", "required: a JSON Agent, {\"mbox\":\"mailto:…\"}");
            } else {
                try {
                    Object value = JSON.readValue(given.get("agent"), Object.class);
                    StatementRules.agent(value, "agent", check);
                    parsedAgent = value instanceof Map<?, ?> m ? m : null;
                } catch (java.io.IOException e) {
                    check.add("agent", "a JSON Agent, {\"mbox\":\"mailto:…\"}, was " + given.get("agent"));
                }
            }
        }
        if (given.get("registration") != null) {
            StatementRules.parameter("uuid", given.get("registration"), "registration", check);
        }
        if (given.get("since") != null) {
            StatementRules.parameter("time", given.get("since"), "since", check);
        }
        check.throwIfAny();
        String school = caller.schoolScope(given.get("schoolId"));
        boolean whole = xapi.keepsIdentities() && (caller.role() == Role.BOARD || caller.role() == Role.AGENT);
        return new Params(given, school, parsedAgent, whole, XapiService.isVersion2(version));
    }

    /** A request's parameters, and whether it came in xAPI 2.0. */
    private record Params(Map<String, String> given, String school, Map<?, ?> agent, boolean whole, boolean v2) {

        String get(String name) {
            return given.get(name);
        }

        String required(String name) {
            String v = given.get(name);
            if (v == null || v.isEmpty()) {
                throw new InvalidInputException(name, "required: the document's id");
            }
            return v;
        }

        java.time.Instant since() {
            return given.get("since") == null ? null
                    : java.time.OffsetDateTime.parse(given.get("since")).toInstant();
        }

        DocumentStore.Set set(Kind kind, XapiDocuments documents) {
            return documents.set(kind, school, kind == Kind.AGENT_PROFILE ? null : given.get("activityId"),
                    kind == Kind.ACTIVITY_PROFILE ? null : agent, kind == Kind.STATE ? given.get("registration")
                            : null);
        }
    }
}
