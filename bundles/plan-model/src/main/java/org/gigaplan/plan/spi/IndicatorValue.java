package org.gigaplan.plan.spi;

import java.time.Instant;

import org.gigaplan.plan.model.LocalizedText;

/**
 * A computed indicator value.
 *
 * @param value      the value, in the indicator's unit
 * @param sampleSize how many schools, classes or teachers it was computed over; null when not meaningful
 * @param asOf       time of the newest record counted
 * @param note       anything the reader must know (e.g. "interpolated"), or null
 * @param demo       true when computed from synthetic demo data
 * @param coverage   how many of those expected to report did, for a share over those that reported; null when the
 *                   value is over everything expected (a count, a share where not reporting counts as no)
 */
public record IndicatorValue(double value, Long sampleSize, Instant asOf, LocalizedText note, boolean demo,
        Coverage coverage) {

    /** A value over everything expected: no coverage to state. */
    public IndicatorValue(double value, Long sampleSize, Instant asOf, LocalizedText note, boolean demo) {
        this(value, sampleSize, asOf, note, demo, null);
    }

    /**
     * A value over everything expected, dated by the newest record counted: take {@code asOf} from the records or from
     * {@code PlanClock.now()}, so that a trial set to another day dates it with the rest of the platform.
     */
    public static IndicatorValue of(double value, long sampleSize, Instant asOf) {
        return new IndicatorValue(value, sampleSize, asOf, null, false);
    }

    /**
     * The same dated now by the machine's clock.
     *
     * @deprecated the machine's clock is not the platform's (a trial may set that to another day): use
     *             {@link #of(double, long, Instant)} with the records' time or {@code PlanClock.now()}
     */
    @Deprecated
    public static IndicatorValue of(double value, long sampleSize) {
        return of(value, sampleSize, Instant.now());
    }

    /** This value with its coverage. */
    public IndicatorValue covering(Coverage coverage) {
        return new IndicatorValue(value, sampleSize, asOf, note, demo, coverage);
    }
}
