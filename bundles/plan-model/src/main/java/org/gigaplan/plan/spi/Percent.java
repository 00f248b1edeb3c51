package org.gigaplan.plan.spi;

/** Shares as the plan's indicators state them: percent, rounded to one decimal. */
public final class Percent {

    private Percent() {
    }

    /** {@code part} of {@code whole} in %, one decimal (2 of 3 → 66.7); null when the whole is nothing. */
    public static Double of(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
