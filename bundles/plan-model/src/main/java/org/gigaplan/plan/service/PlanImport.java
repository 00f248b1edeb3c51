package org.gigaplan.plan.service;

import java.time.Instant;

/** One import of plan data: which plan and data version, when, by whom, and what it held. */
public record PlanImport(long id, String planId, String dataVersion, int formatVersion, Instant importedAt,
        String importedBy, int actionPlans, int actionItems, int indicators, String sha256) {
}
