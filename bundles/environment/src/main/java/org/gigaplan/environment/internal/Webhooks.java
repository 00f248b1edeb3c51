package org.gigaplan.environment.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.gigaplan.environment.internal.store.WebhookStore;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.SchoolService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Per-school webhook URLs for speed-test agents that can be given a URL but not a header (Speedtest Tracker). The URL
 * ends in a secret of 256 random bits, {@code gph_…}, shown once; only its SHA-256 is stored, so a stolen database
 * does not post. A school's staff or the board make and revoke them; a revoked URL answers 404 like one never made.
 */
@Component(service = Webhooks.class)
public class Webhooks {

    /** Where a secret starts: tells it apart from an API key ({@code gpk_}) in a log or a support mail. */
    static final String PREFIX = "gph_";
    /** The path under the API that takes an agent's output posted to a hook. */
    public static final String PATH = "environment/measurements/hook/";

    private final Database db;
    private final NetworkService network;
    private final SchoolService schools;
    private final WebhookStore store = new WebhookStore();
    private final SecureRandom random = new SecureRandom();

    /** A hook just made, with the secret it is the only holder of. */
    public record Created(Webhook webhook, String secret) {
    }

    @Activate
    public Webhooks(@Reference Database db, @Reference NetworkService network, @Reference SchoolService schools) {
        this.db = db;
        this.network = network; // migrated the module's tables
        this.schools = schools;
    }

    /** Makes a hook for a school. */
    public Created create(String schoolId, String label, String by) {
        FieldChecks check = new FieldChecks();
        if (schoolId == null || schoolId.isBlank()) {
            check.add("schoolId", "required: the school whose agent posts", "必須です：測定する学校");
        } else if (schools.find(schoolId.trim()).isEmpty()) {
            check.add("schoolId", "no school " + schoolId, "学校 " + schoolId + " はありません");
        }
        check.text(label, false, 100, "label");
        check.throwIfAny();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String school = schoolId.trim();
        String name = label == null || label.isBlank() ? null : label.trim();
        Webhook made = db.transaction(c -> store.find(c,
                store.insert(c, school, Digests.sha256(secret), name, network.clock().now(), by)).orElseThrow());
        return new Created(made, secret);
    }

    /** A school's hooks, or every school's (null), newest first. */
    public List<Webhook> list(String schoolId) {
        return db.transaction(c -> store.list(c, schoolId));
    }

    public Optional<Webhook> find(long id) {
        return db.transaction(c -> store.find(c, id));
    }

    /** Revokes a hook; answers it as it is after (revoked once: a second revoke changes nothing). */
    public Webhook revoke(long id, String by) {
        return db.transaction(c -> {
            store.revoke(c, id, network.clock().now(), by);
            return store.find(c, id).orElseThrow();
        });
    }

    /** The working hook a secret opens, marked used now; empty for a secret never made or revoked. */
    public Optional<Webhook> open(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return db.transaction(c -> {
            Optional<Webhook> hook = store.working(c, Digests.sha256(secret));
            if (hook.isPresent()) {
                store.used(c, hook.get().id(), network.clock().now());
            }
            return hook;
        });
    }
}
