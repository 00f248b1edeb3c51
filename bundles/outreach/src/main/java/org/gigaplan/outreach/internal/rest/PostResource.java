package org.gigaplan.outreach.internal.rest;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.outreach.internal.Post;
import org.gigaplan.outreach.internal.PostService;
import org.gigaplan.outreach.internal.store.PostStore;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.FiscalYearParam;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.service.AuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The board's side of the support site: write posts, move them through review to publication (now or scheduled)
 * and into the archive, see every post in every state with its history, and the site's activity per month.
 */
@Component(service = PostResource.class)
@GigaPlanResource(name = "outreach.posts")
@Path("outreach/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {

    /** A move of a post: to {@code status}, at {@code publishAt} when publishing (now when absent), with a note. */
    public record Move(String status, String publishAt, String note) {
    }

    private final PostService posts;
    private final AuditLog audit;

    @Activate
    public PostResource(@Reference PostService posts, @Reference AuditLog audit) {
        this.posts = posts;
        this.audit = audit;
    }

    /** Every post, newest first, filtered by status, language and category. */
    @GET
    public Page<Post> list(@QueryParam("status") String status, @QueryParam("lang") String lang,
            @QueryParam("category") String category, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        Post.Status s = status == null ? null : SiteResource.parse(Post.Status.values(), status, "status");
        Post.Category c = category == null ? null : SiteResource.parse(Post.Category.values(), category, "category");
        return posts.list(new PostStore.Query(s, SiteResource.lang(lang), c, null, null), PageRequest.of(offset, limit));
    }

    /** A new draft: {@code {"title":…,"body":…,"format":"MARKDOWN","category":"NEWS","audience":"FAMILIES","lang":"ja"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Post.Draft draft, @Context Caller caller) {
        Post post = posts.create(draft, caller.name(), false);
        audit.describe("outreach post " + post.id() + " drafted: " + post.title());
        return Response.created(URI.create("outreach/posts/" + post.id())).entity(post).build();
    }

    /** One post with its history. */
    @GET
    @Path("{id}")
    public Post get(@PathParam("id") long id) {
        return posts.find(id).orElseThrow(() -> new NotFoundException("no post " + id));
    }

    /** Replaces a post's content (not while archived); its state stays. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Post edit(@PathParam("id") long id, Post.Draft draft, @Context Caller caller) {
        Post post = handle(() -> posts.edit(id, draft, caller.name()));
        audit.describe("outreach post " + id + " edited");
        return post;
    }

    /** Moves a post: DRAFT → REVIEW → PUBLISHED → ARCHIVED, back to DRAFT from the others; 409 for other moves. */
    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Post move(@PathParam("id") long id, Move move, @Context Caller caller) {
        if (move == null || move.status() == null) {
            throw new InvalidInputException("status", "required: {\"status\":\"REVIEW\"}",
                    "必須です（移す先の状態。例: {\"status\":\"REVIEW\"}）");
        }
        Instant at = null;
        if (move.publishAt() != null) {
            try {
                at = OffsetDateTime.parse(move.publishAt()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("publishAt", "ISO 8601 with offset, e.g. 2025-12-01T09:00:00+09:00, was \""
                        + move.publishAt() + "\"", "時差つきの ISO 8601 の日時にしてください（例: 2025-12-01T09:00:00+09:00、\""
                        + move.publishAt() + "\"でした）");
            }
        }
        Instant publishAt = at;
        Post post = handle(() -> posts.move(id, move.status(), publishAt, move.note(), caller.name()));
        audit.describe("outreach post " + id + " → " + post.status()
                + (post.publishAt() != null && post.status() == Post.Status.PUBLISHED ? " from " + post.publishAt() : ""));
        return post;
    }

    /** Posts published per month of a fiscal year (this one by default), up to now. */
    @GET
    @Path("activity")
    public PostService.Activity activity(@QueryParam("fiscalYear") Integer fiscalYear) {
        return posts.activity(FiscalYearParam.of(fiscalYear, "fiscalYear", posts.clock()));
    }

    private static Post handle(Supplier<Post> work) {
        try {
            return work.get();
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        } catch (Post.Refused e) {
            throw new ConflictException("status", e.getMessage(), e.japanese());
        }
    }
}
