package org.gigaplan.plan.spi;

import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The service a policy module registers so the platform knows it: which basic policy it serves, which
 * indicators it computes, and their values. The platform picks modules up and drops them as they come and go.
 */
@ConsumerType
public interface PolicyModule {

    /** Short stable id, also the module's REST path segment: {@code usage} → {@code /api/usage}. */
    String id();

    /** The basic policy (1–4 in the Sendai plan) this module serves. */
    int basicPolicy();

    LocalizedText name();

    /** Ids of the plan indicators this module computes. */
    Set<String> indicatorIds();

    /**
     * The value of one of {@link #indicatorIds()} for the city or a school in a fiscal year; empty when
     * there is no data yet.
     */
    Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear);

    default Health health() {
        return Health.up();
    }

    /**
     * Fills realistic synthetic data for a fiscal year, marked as demo data wherever it is stored. Called
     * by the platform in demo mode; a module without demo data leaves this as it is.
     */
    default void fillDemoData(DemoContext context) {
    }
}
