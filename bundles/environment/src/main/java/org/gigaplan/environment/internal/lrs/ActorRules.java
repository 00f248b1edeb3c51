package org.gigaplan.environment.internal.lrs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.gigaplan.plan.rest.FieldChecks;

/**
 * What xAPI 1.0.3 requires of an Agent and a Group (Data 2.4.2): the properties each may have, exactly one
 * identifier of an Agent (at most one of a Group, whose members are Agents), each identifier of its form, and an
 * authority's rules. Each fault goes under its field.
 */
final class ActorRules extends JsonForms {

    static final Set<String> AGENT = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
    static final Set<String> GROUP = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member");
    static final Set<String> ACCOUNT = Set.of("homePage", "name");

    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern MAILTO = Pattern.compile("mailto:[^@\\s]+@[^@\\s]+");

    ActorRules(FieldChecks check) {
        super(check);
    }

    /** An Agent, or (OAuth: the client and the user) an anonymous Group of exactly two Agents. */
    void authority(Object raw, String at) {
        agentOrGroup(raw, at);
        if (raw instanceof Map<?, ?> a && "Group".equals(a.get("objectType"))) {
            if (a.containsKey("mbox") || a.containsKey("mbox_sha1sum") || a.containsKey("openid")
                    || a.containsKey("account")) {
                check.add(at, "an authority that is a Group is anonymous: no identifier of its own");
            }
            if (!(a.get("member") instanceof List<?> members) || members.size() != 2) {
                check.add(join(at, "member"), "an authority that is a Group has exactly two members");
            }
        }
    }

    /** An Agent or a Group (identified, or anonymous with its members), each identifier of its form. */
    void agentOrGroup(Object raw, String at) {
        Map<?, ?> a = object(raw, at, "an Agent or a Group");
        if (a == null) {
            return;
        }
        Object type = a.get("objectType");
        boolean group = "Group".equals(type);
        if (type != null && !group && !"Agent".equals(type)) {
            check.add(join(at, "objectType"), "Agent or Group, was " + type);
            return;
        }
        properties(a, at, group ? GROUP : AGENT, group ? "a Group" : "an Agent");
        if (a.containsKey("name") && !(a.get("name") instanceof String)) {
            check.add(join(at, "name"), "a string");
        }
        int identifiers = identifiers(a, at);
        if (group) {
            if (a.containsKey("member")) {
                List<?> members = array(a.get("member"), join(at, "member"));
                for (int i = 0; members != null && i < members.size(); i++) {
                    String m = join(at, "member") + "[" + i + "]";
                    if (members.get(i) instanceof Map<?, ?> member && "Group".equals(member.get("objectType"))) {
                        check.add(join(m, "objectType"), "a Group's members are Agents");
                    } else {
                        agentOrGroup(members.get(i), m);
                    }
                }
            } else if (identifiers == 0) {
                check.add(join(at, "member"), "required: an anonymous Group lists its members");
            }
            if (identifiers > 1) {
                check.add(at, "one identifier at most: mbox, mbox_sha1sum, openid or account");
            }
        } else if (identifiers != 1) {
            check.add(at, "exactly one identifier: mbox, mbox_sha1sum, openid or account, was " + identifiers);
        }
    }

    private int identifiers(Map<?, ?> a, String at) {
        int n = 0;
        if (a.containsKey("mbox")) {
            n++;
            if (!(a.get("mbox") instanceof String m) || !MAILTO.matcher(m).matches()) {
                check.add(join(at, "mbox"), "a mailto: IRI, was " + a.get("mbox"));
            }
        }
        if (a.containsKey("mbox_sha1sum")) {
            n++;
            if (!(a.get("mbox_sha1sum") instanceof String m) || !SHA1.matcher(m).matches()) {
                check.add(join(at, "mbox_sha1sum"), "a SHA-1 of a mailto: IRI, 40 hexadecimal digits");
            }
        }
        if (a.containsKey("openid")) {
            n++;
            iri(a.get("openid"), join(at, "openid"));
        }
        if (a.containsKey("account")) {
            n++;
            Map<?, ?> account = object(a.get("account"), join(at, "account"), "an account {homePage, name}");
            if (account != null) {
                properties(account, join(at, "account"), ACCOUNT, "an account");
                require(account, join(at, "account"), "homePage", "name");
                if (account.containsKey("homePage")) {
                    iri(account.get("homePage"), join(at, "account.homePage"));
                }
                if (account.containsKey("name") && !(account.get("name") instanceof String)) {
                    check.add(join(at, "account.name"), "a string");
                }
            }
        }
        return n;
    }
}
