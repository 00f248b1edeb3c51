package org.gigaplan.environment.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.roster.HomeroomClass;
import org.gigaplan.plan.roster.RosterService;

/**
 * Who a Statement's learner is, as the platform may know them: a pseudonym, an HMAC-SHA256 of their identifier
 * (mbox, mbox_sha1sum, openid, account, or an anonymous Group's members) with the deployment's secret, so the same
 * learner is always the same pseudonym and the identifier itself is never needed; and their homeroom class, from the
 * board's roster.
 */
final class Pseudonyms {

    /** How many learners' classes are remembered between roster imports. */
    private static final int CLASSES_REMEMBERED = 50_000;

    private final byte[] secret;
    /**
     * Each thread's HMAC keyed with the secret, made once: looking the algorithm up and keying it anew for each of a
     * batch's statements (twice a statement) cost more than the HMAC itself.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);
    private final RosterService roster;
    /** The roster's version the classes below were read at: when it moves (an import, on any node), they go. */
    private volatile long rosterVersion = Long.MIN_VALUE;
    /** A learner's homeroom class by the identity a drill names them with; forgotten on an import. */
    private final Map<String, Optional<String>> classes = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > CLASSES_REMEMBERED;
                }
            });

    /** Each school's homeroom classes on the roster; forgotten on an import. */
    private final Map<String, List<HomeroomClass>> schoolClasses = new java.util.concurrent.ConcurrentHashMap<>();

    Pseudonyms(byte[] secret, RosterService roster) {
        this.secret = secret.clone();
        this.roster = roster;
    }

    /** The pseudonym of an xAPI Agent (or anonymous Group); refused naming {@code field} without an identifier. */
    String of(Object actor, String field) {
        if (!(actor instanceof Map<?, ?> a)) {
            throw new InvalidInputException(field, "an Agent: {\"mbox\":\"mailto:…\"} or {\"account\":{\"homePage\":…,\"name\":…}}");
        }
        String key;
        if (a.get("mbox") instanceof String mbox && mbox.startsWith("mailto:")) {
            key = "mbox:" + mbox.toLowerCase(Locale.ROOT);
        } else if (a.get("mbox_sha1sum") instanceof String sum && !sum.isBlank()) {
            key = "sha1:" + sum;
        } else if (a.get("openid") instanceof String openid && !openid.isBlank()) {
            key = "openid:" + openid;
        } else if (a.get("account") instanceof Map<?, ?> account && account.get("homePage") instanceof String home
                && account.get("name") instanceof String name && !name.isBlank()) {
            if (XapiService.PSEUDONYM_HOME.equals(home)) {
                return name;
            }
            key = "account:" + home + "|" + name;
        } else if ("Group".equals(a.get("objectType")) && a.get("member") instanceof List<?> members) {
            // An anonymous Group is the group of its members.
            List<String> each = new ArrayList<>();
            for (Object m : members) {
                each.add(of(m, field + ".member"));
            }
            key = "group:" + String.join(",", new TreeSet<>(each));
        } else {
            throw new InvalidInputException(field, "an Agent needs one identifier: mbox (mailto:…), mbox_sha1sum, openid "
                    + "or account {homePage, name}");
        }
        return HexFormat.of().formatHex(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A Statement with its actor as the learner's pseudonym, as the school's staff and every view see it. */
    Map<String, Object> pseudonymous(Map<String, Object> statement) {
        Map<String, Object> out = new LinkedHashMap<>(statement);
        out.put("actor", XapiService.pseudonymActor(of(statement.get("actor"), "actor")));
        return out;
    }

    /**
     * The homeroom class ({@code 5-1}) of a Statement by the board's roster, at the school it is for: the class its
     * context names by the roster's id (the OneRoster {@code sourcedId} a 学習eポータル hands the drill: as the id of a
     * grouping, parent or other context Activity, or the tail of its IRI, or the account name of the context's team),
     * else the learner's homeroom, by their e-mail (mbox) or account name as the drill names them; null when the
     * roster knows neither there.
     */
    String rosterClass(Map<?, ?> statement, String schoolId) {
        List<String> named = contextNames(statement.get("context"));
        if (!named.isEmpty()) {
            for (HomeroomClass c : schoolClasses.computeIfAbsent(schoolId, roster::classes)) {
                for (String name : named) {
                    if (name.equals(c.sourcedId()) || name.endsWith("/" + c.sourcedId())) {
                        return classRef(c);
                    }
                }
            }
        }
        if (!(statement.get("actor") instanceof Map<?, ?> a)) {
            return null;
        }
        String identity = a.get("mbox") instanceof String mbox && mbox.startsWith("mailto:") ? mbox.substring(7)
                : a.get("account") instanceof Map<?, ?> account && account.get("name") instanceof String name ? name
                        : null;
        if (identity == null || identity.isBlank()) {
            return null;
        }
        return classes.computeIfAbsent(schoolId + "|" + identity.trim().toLowerCase(Locale.ROOT),
                k -> roster.learner(identity).filter(l -> l.schoolId().equals(schoolId))
                        .flatMap(l -> l.classes().stream().findFirst()).map(Pseudonyms::classRef))
                .orElse(null);
    }

    /** A roster class as Statements and the class views name it: grade, a dash, class ({@code 5-1}). */
    private static String classRef(HomeroomClass c) {
        return c.grade() + "-" + c.name();
    }

    /** What a Statement's context names that may be a class: its team's account and its context Activities. */
    private static List<String> contextNames(Object context) {
        List<String> named = new ArrayList<>();
        if (!(context instanceof Map<?, ?> c)) {
            return named;
        }
        if (c.get("team") instanceof Map<?, ?> team && team.get("account") instanceof Map<?, ?> account
                && account.get("name") instanceof String name) {
            named.add(name);
        }
        if (c.get("contextActivities") instanceof Map<?, ?> activities) {
            for (String kind : List.of("grouping", "parent", "other")) {
                Object given = activities.get(kind);
                for (Object a : given instanceof List<?> list ? list : given == null ? List.of() : List.of(given)) {
                    if (a instanceof Map<?, ?> activity && activity.get("id") instanceof String id) {
                        named.add(id);
                    }
                }
            }
        }
        return named;
    }

    /**
     * Forgets the classes remembered when the roster changed since they were read (an import on this node or
     * another): called once per batch of Statements, before their classes are looked up.
     */
    void checkRoster() {
        long now = roster.version();
        if (now != rosterVersion) {
            classes.clear();
            schoolClasses.clear();
            rosterVersion = now;
        }
    }
}
