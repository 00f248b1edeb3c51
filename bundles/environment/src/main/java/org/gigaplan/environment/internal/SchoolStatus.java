package org.gigaplan.environment.internal;

import java.time.Instant;

import org.gigaplan.plan.model.LocalizedText;

/**
 * A school's network against the recommended bandwidth.
 *
 * @param medianMbps  the median download of the judged tests in the window; null without any
 * @param tests       tests judged (in the window, class hours only unless configured otherwise)
 * @param windowEnd   the newest measurement the window ends at
 * @param openFinding the open finding's id, if any
 */
public record SchoolStatus(String schoolId, LocalizedText name, int enrollment,
        RecommendedBandwidth.Recommendation recommended, Double medianMbps, int tests, Instant windowEnd, State state,
        Long openFinding, boolean demo) {

    public enum State {
        MEETS, BELOW, NO_DATA
    }
}
