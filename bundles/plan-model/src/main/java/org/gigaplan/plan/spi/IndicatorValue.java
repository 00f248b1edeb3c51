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
 */
public record IndicatorValue(double value, Long sampleSize, Instant asOf, LocalizedText note, boolean demo) {

    public static IndicatorValue of(double value, long sampleSize) {
        return new IndicatorValue(value, sampleSize, Instant.now(), null, false);
    }
}
