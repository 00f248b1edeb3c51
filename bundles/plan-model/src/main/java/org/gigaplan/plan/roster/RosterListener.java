package org.gigaplan.plan.roster;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told after an import changed the roster of some schools (its transaction committed), on the importing thread; a
 * module brings what it keeps from the roster up to date in its own transaction. A module started later reads
 * {@link RosterService} itself. A listener that throws is logged; the import stands.
 */
@ConsumerType
public interface RosterListener {

    void rosterChanged(Set<String> schoolIds);
}
