package org.gigaplan.environment.internal.lrs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.environment.internal.XapiService;
import org.gigaplan.environment.internal.store.DocumentStore;
import org.gigaplan.environment.internal.store.DocumentStore.Document;
import org.gigaplan.environment.internal.store.DocumentStore.Set;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The LRS's document resources (xAPI 1.0.3 Communication 2.3, 2.6, 2.7): States, Activity Profiles and Agent Profiles
 * of a school, kept as sent with their content type. PUT replaces; POST merges two JSON objects one level deep (either
 * not a JSON object: 400); DELETE removes one, or a State's whole set. Concurrency (Communication 3.1): If-Match
 * must name the current ETag, If-None-Match: * that there is none (else 412); a profile PUT without either is
 * refused (409 over an existing document, 400 otherwise), so no client overwrites another's change unseen.
 */
@Component(service = XapiDocuments.class)
public class XapiDocuments {

    /** The three kinds of document, and whether a PUT needs a concurrency header when one exists. */
    public enum Kind {
        STATE(false), ACTIVITY_PROFILE(true), AGENT_PROFILE(true);

        final boolean guarded;

        Kind(boolean guarded) {
            this.guarded = guarded;
        }
    }

    /** JSON as xAPI means it: one value, nothing after it. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Database db;
    private final XapiService xapi;
    private final DocumentStore store = new DocumentStore();

    @Activate
    public XapiDocuments(@Reference Database db, @Reference XapiService xapi) {
        this.db = db; // the module's changelog is applied by NetworkService, which XapiService follows
        this.xapi = xapi;
    }

    /** The set a request names. */
    public Set set(Kind kind, String schoolId, String activityId, Object agent, String registration) {
        return new Set(kind.name(), schoolId, activityId, agent == null ? null : xapi.pseudonym(agent, "agent"),
                registration == null ? null : registration.toLowerCase(java.util.Locale.ROOT));
    }

    public Optional<Document> get(Set set, String id) {
        return db.transaction(c -> store.find(c, set, id));
    }

    public List<String> ids(Set set, Instant since) {
        return db.transaction(c -> store.ids(c, set, since));
    }

    /**
     * Stores a document whole. xAPI 2.0 ({@code v2}) guards a State too: one that exists is not replaced without a
     * concurrency header.
     */
    public void put(Kind kind, Set set, String id, String contentType, byte[] content, String ifMatch,
            String ifNoneMatch, boolean v2) {
        db.transactionRetrying(c -> {
            Optional<Document> now = store.find(c, set, id);
            preconditions(now, ifMatch, ifNoneMatch);
            if ((kind.guarded || v2) && ifMatch == null && ifNoneMatch == null) {
                if (now.isPresent()) {
                    throw new ConflictException("If-Match", "the document exists: send If-Match with its ETag (or "
                            + "If-None-Match: * to create one only if there is none)");
                }
                if (kind.guarded) {
                    throw new InvalidInputException("If-Match", "a profile is put with If-Match (its ETag) or "
                            + "If-None-Match: * (none yet), so no change is lost unseen");
                }
            }
            store.put(c, set, id, type(contentType), content, xapi.clock().now());
            return null;
        });
    }

    /** Merges a JSON object into the document (stored as it is when there is none). */
    public void post(Set set, String id, String contentType, byte[] content, String ifMatch, String ifNoneMatch) {
        db.transactionRetrying(c -> {
            Optional<Document> now = store.find(c, set, id);
            preconditions(now, ifMatch, ifNoneMatch);
            byte[] merged = content;
            if (now.isPresent()) {
                Map<String, Object> base = object(now.get().contentType(), now.get().content(), "the stored document");
                base.putAll(object(type(contentType), content, "the body"));
                merged = bytes(base);
            } else if (isJson(contentType)) {
                object(contentType, content, "the body");
            }
            store.put(c, set, id, now.isPresent() ? "application/json" : type(contentType), merged,
                    xapi.clock().now());
            return null;
        });
    }

    public void delete(Set set, String id, String ifMatch) {
        db.transactionRetrying(c -> {
            preconditions(store.find(c, set, id), ifMatch, null);
            store.delete(c, set, id);
            return null;
        });
    }

    public void deleteAll(Set set) {
        db.transactionRetrying(c -> store.deleteAll(c, set));
    }

    private static void preconditions(Optional<Document> now, String ifMatch, String ifNoneMatch) {
        if (ifMatch != null && (now.isEmpty() || !matches(ifMatch, now.get().etag()))) {
            throw new PreconditionFailed("If-Match does not name the document's ETag");
        }
        if (ifNoneMatch != null && now.isPresent() && (ifNoneMatch.trim().equals("*")
                || matches(ifNoneMatch, now.get().etag()))) {
            throw new PreconditionFailed("If-None-Match: the document exists");
        }
    }

    private static byte[] bytes(Map<String, Object> json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean matches(String header, String etag) {
        for (String tag : header.split(",")) {
            String t = tag.trim().replaceFirst("^W/", "").replace("\"", "");
            if (t.equals("*") || t.equalsIgnoreCase(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String type(String contentType) {
        return contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String contentType, byte[] content, String what) {
        if (!isJson(contentType)) {
            throw new InvalidInputException("Content-Type", what + " is not JSON (" + contentType + "): a POST merges "
                    + "JSON objects only; PUT replaces a document of another type");
        }
        try {
            Object parsed = JSON.readValue(new String(content, StandardCharsets.UTF_8), Object.class);
            if (parsed instanceof Map<?, ?> m) {
                return new LinkedHashMap<>((Map<String, Object>) m);
            }
        } catch (IOException e) {
            // reported below
        }
        throw new InvalidInputException("body", what + " is not a JSON object: a POST merges JSON objects only");
    }
}
