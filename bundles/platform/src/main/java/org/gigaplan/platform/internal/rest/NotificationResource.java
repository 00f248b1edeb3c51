package org.gigaplan.platform.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.notify.JobScheduler;
import org.gigaplan.platform.internal.notify.Notifications;
import org.gigaplan.platform.internal.notify.Outbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Follow-up in the dashboard: each user's inbox (the notices for the board, their school, or them as a teacher), their
 * e-mail address and how they want each kind; for the board, the delivery log, the scheduled jobs, and a test mail.
 */
@Component(service = NotificationResource.class)
@GigaPlanResource(name = "gigaplan.notifications")
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
public class NotificationResource {

    /** How many notices are unread. */
    public record Unread(long unread) {
    }

    /** How many notices were marked read. */
    public record Marked(int marked) {
    }

    /** A user's address, language, and each kind of notice with how they get it. */
    public record PreferencesView(String email, String language, List<Notifications.KindChoice> kinds) {
    }

    /** What a test mail is sent to, and in which language. */
    public record TestInput(String address, String language) {
    }

    private final Notifications notifications;
    private final Outbox outbox;
    private final JobScheduler scheduler;
    private final AuditLog audit;

    @Activate
    public NotificationResource(@Reference Notifications notifications, @Reference Outbox outbox,
            @Reference JobScheduler scheduler, @Reference AuditLog audit) {
        this.notifications = notifications;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.audit = audit;
    }

    /** The caller's inbox, newest first ({@code unread=true}: the unread only), with the count of unread. */
    @GET
    public Notifications.Inbox inbox(@QueryParam("unread") boolean unread, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit, @Context Caller caller) {
        return notifications.inbox(caller, unread, PageRequest.of(offset, limit));
    }

    /** How many of the caller's notices are unread: the dashboard's badge. */
    @GET
    @Path("unread")
    public Unread unread(@Context Caller caller) {
        return new Unread(notifications.unread(caller));
    }

    /** Marks one notice read. */
    @POST
    @Path("{id}/read")
    public Notifications.InboxItem read(@PathParam("id") long id, @Context Caller caller) {
        return notifications.markRead(caller, id);
    }

    /** Marks every notice of the caller's inbox read. */
    @POST
    @Path("read")
    public Marked readAll(@Context Caller caller) {
        return new Marked(notifications.markAllRead(caller));
    }

    @GET
    @Path("preferences")
    public PreferencesView preferences(@Context Caller caller) {
        return view(notifications.preferences(caller), caller);
    }

    /**
     * Sets the caller's e-mail address (empty: none), language ({@code ja} or {@code en}) and, per kind, how they get
     * it: {@code {"email": "…", "language": "ja", "kinds": {"usage.not-reporting": "DIGEST"}}}; kinds left out keep
     * theirs.
     */
    @PUT
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    public PreferencesView setPreferences(Notifications.Preferences input, @Context Caller caller) {
        if (input == null) {
            throw new InvalidInputException("body", "give {\"email\": …, \"language\": …, \"kinds\": {…}}");
        }
        Notifications.Preferences kept = notifications.setPreferences(caller, input);
        audit.describe("notification preferences of " + caller.name() + " set (e-mail "
                + (kept.email() == null ? "none" : "given") + ", " + kept.language() + ")");
        return view(kept, caller);
    }

    private PreferencesView view(Notifications.Preferences p, Caller caller) {
        return new PreferencesView(p.email(), p.language(), notifications.kinds(caller));
    }

    /** The delivery log (the board): every mail, newest first, of one state ({@code PENDING}, {@code SENT}, {@code FAILED}) or all. */
    @GET
    @Path("deliveries")
    @Allow(Role.BOARD)
    public Outbox.Log deliveries(@QueryParam("state") String state, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        if (state != null && !state.isBlank() && !List.of("PENDING", "SENT", "FAILED").contains(state)) {
            throw new InvalidInputException("state", "PENDING, SENT or FAILED, was " + state);
        }
        return outbox.log(state, PageRequest.of(offset, limit));
    }

    /** The scheduled jobs (the board): schedule, next run, last run and its outcome. */
    @GET
    @Path("jobs")
    @Allow(Role.BOARD)
    public List<JobScheduler.JobView> jobs() {
        return scheduler.jobs();
    }

    /** Runs a job now (the board), for the day it is; its schedule is left as it is. */
    @POST
    @Path("jobs/{id}/run")
    @Allow(Role.BOARD)
    public JobScheduler.Outcome run(@PathParam("id") String id) {
        JobScheduler.Outcome outcome = scheduler.runNow(id);
        audit.describe("job " + id + " run on demand: " + outcome.outcome() + " " + outcome.detail());
        return outcome;
    }

    /** Sends a test mail to an address now (the board), and answers how it went. */
    @POST
    @Path("test")
    @Allow(Role.BOARD)
    @Consumes(MediaType.APPLICATION_JSON)
    public Outbox.Delivery test(TestInput input, @Context Caller caller) {
        if (input == null || input.address() == null || !input.address().contains("@")) {
            throw new InvalidInputException("address", "the address to send the test mail to");
        }
        try {
            return outbox.sendTest(input.address().trim(), !"en".equals(input.language()), caller.name());
        } catch (IllegalStateException e) {
            throw new InvalidInputException("address", e.getMessage());
        }
    }
}
