package org.gigaplan.plan.roster;

import java.util.List;

/**
 * A learner as the roster knows them, without name or address: the school, a stable pseudonym (not their sourcedId)
 * and the homeroom classes they are enrolled in.
 *
 * @param pseudonym the same for the learner in every module and every import; unique within the installation
 */
public record RosterLearner(String schoolId, String pseudonym, List<HomeroomClass> classes) {

    public RosterLearner {
        classes = List.copyOf(classes);
    }
}
