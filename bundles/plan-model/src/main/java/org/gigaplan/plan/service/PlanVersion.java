package org.gigaplan.plan.service;

import java.time.Instant;
import java.util.List;

/**
 * One version of the plan: every import and every change the board makes is a new one, numbered by the platform
 * and never reused, and any of them can be read back whole.
 *
 * @param version     the platform's number for it, rising, never reused
 * @param dataVersion the plan data's own version: as the imported file gives it, or {@code version} for a change made
 *                    here; no two versions share one with different content
 * @param kind        what made it
 * @param at          when
 * @param by          who: {@code api:<user>}, {@code console:<user>} or {@code system}
 * @param summary     what changed, in a line
 * @param changes     each field changed, before → after (empty for an import)
 * @param sha256      of the stored document
 */
public record PlanVersion(long version, String planId, String dataVersion, Kind kind, Instant at, String by,
        String summary, List<Change> changes, int actionPlans, int actionItems, int indicators, String sha256) {

    public PlanVersion {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** What made a version. */
    public enum Kind {
        /** A plan data file imported whole. */
        IMPORT,
        /** A fiscal year's action plan created as a draft from an earlier one. */
        ROLLOVER,
        /** Action items or indicators edited, added or removed. */
        EDIT,
        /** A draft action plan published. */
        PUBLISH
    }

    /**
     * One field changed: {@code path} names it as the plan's JSON does ({@code indicators[usage.scene1].targets[2026]},
     * {@code actionPlans[2026].actionItems[P1-B1].text.ja}); {@code before} and {@code after} are its JSON, null
     * when it did not exist or no longer does.
     */
    public record Change(String path, String before, String after) {
    }
}
