package org.gigaplan.platform.internal.roster;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code users.csv}: a teacher, student or guardian; what they are where is in {@link RosterRole}s. The
 * password, phone and SMS columns are never kept.
 *
 * @param enabledUser         whether the account may sign in
 * @param userIds             other systems' identifiers, {@code {LTI:abc}}
 * @param identifier          the school's own number for the person, or null
 * @param agentSourcedIds     users acting for this one (guardians)
 * @param primaryOrgSourcedId the org the user mainly belongs to, or null
 * @param homeClass           {@code metadata.jp.homeClass}: the sourcedId of the user's homeroom class, or null
 */
public record RosterUser(String sourcedId, RosterStatus status, Instant dateLastModified, Boolean enabledUser,
        String username, List<UserId> userIds, String givenName, String familyName, String middleName,
        String identifier, String email, String kanaGivenName, String kanaFamilyName, String kanaMiddleName,
        String preferredGivenName, String preferredFamilyName, List<String> agentSourcedIds, List<String> grades,
        String primaryOrgSourcedId, String homeClass, SourceLine source) implements RosterRecord {

    public RosterUser {
        userIds = List.copyOf(userIds);
        agentSourcedIds = List.copyOf(agentSourcedIds);
        grades = List.copyOf(grades);
    }

    /**
     * One entry of {@code userIds}: {@code {Feide:1234}} is type {@code Feide}, id {@code 1234}.
     *
     * @param type the issuing system
     * @param id   the user's identifier there
     */
    public record UserId(String type, String id) {
    }
}
