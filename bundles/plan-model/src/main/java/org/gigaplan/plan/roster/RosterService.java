package org.gigaplan.plan.roster;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The roster the board imported, as modules read it. */
@ProviderType
public interface RosterService {

    /** A school's active homeroom classes, by grade and name; empty when the roster says nothing of the school. */
    List<HomeroomClass> classes(String schoolId);

    /**
     * The learner one of their identities names: an e-mail address, a user name or an id from their {@code userIds}
     * (the drill's account name), compared without case. The identities are kept only as keyed hashes.
     */
    Optional<RosterLearner> learner(String identity);

    /** The schools the roster names, by their directory id. */
    List<String> schools();

    /**
     * A number that moves with every import that changed the roster, on whichever node it ran: a module that keeps
     * something read from the roster in memory notes it and reads it again (one primary-key read) to learn whether
     * what it keeps is still current. {@link RosterListener} is told on the importing node only.
     *
     * @since 1.1
     */
    long version();
}
