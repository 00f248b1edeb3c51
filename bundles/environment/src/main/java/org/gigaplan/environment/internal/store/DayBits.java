package org.gigaplan.environment.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;

import org.gigaplan.plan.model.FiscalYear;

/**
 * The days of a fiscal year as a learner-year keeps them: six numbers of {@value #DAYS_A_COLUMN} days each, bit n of
 * {@code d}k for day 61k + n of the fiscal year (0 for 1 April), so a period's test is a mask per number.
 */
final class DayBits {

    /** Days a kept column holds. */
    static final int DAYS_A_COLUMN = 61;
    /** The columns of the days, in order: 6 × 61 days are a leap year's 366. */
    static final List<String> COLUMNS = List.of("d0", "d1", "d2", "d3", "d4", "d5");
    static final String NAMES = String.join(", ", COLUMNS);

    private DayBits() {
    }

    /** A day's bit in a learner-year's days: its place in the fiscal year, 0 for 1 April. */
    static int dayOf(FiscalYear fy, java.time.LocalDate day) {
        return (int) java.time.temporal.ChronoUnit.DAYS.between(fy.start(), day);
    }

    /** A fiscal year's days as kept: a number per column. */
    static long[] columns(BitSet days) {
        long[] out = new long[COLUMNS.size()];
        for (int d = days.nextSetBit(0); d >= 0; d = days.nextSetBit(d + 1)) {
            out[d / DAYS_A_COLUMN] |= 1L << (d % DAYS_A_COLUMN);
        }
        return out;
    }

    /** Adds a fiscal year's days to a row of values, a number per column. */
    static void addTo(List<Object> row, BitSet days) {
        for (long column : columns(days)) {
            row.add(column);
        }
    }

    /** The days kept in the columns read from {@code from} on. */
    static BitSet read(ResultSet r, int from) throws SQLException {
        BitSet out = new BitSet();
        for (int i = 0; i < COLUMNS.size(); i++) {
            for (long bits = r.getLong(from + i); bits != 0; bits &= bits - 1) {
                out.set(i * DAYS_A_COLUMN + Long.numberOfTrailingZeros(bits));
            }
        }
        return out;
    }

    /** The days {@code first} … {@code last} of a fiscal year (0 for 1 April) as the columns keep them. */
    static long[] columns(int first, int last) {
        BitSet days = new BitSet();
        days.set(first, last + 1);
        return columns(days);
    }

    /** Whether the columns read from {@code from} on hold a day of {@code days} (as {@link #columns(int, int)}). */
    static boolean anyOf(ResultSet r, int from, long[] days) throws SQLException {
        for (int i = 0; i < days.length; i++) {
            if (days[i] != 0 && (r.getLong(from + i) & days[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a learner-year's days hold a day of a period, as SQL, so the database tests each row and answers only
     * those asked for: per column, its number divided by 2 to the power of the period's first bit in it, modulo 2 to
     * the power of the period's bits in it, is not 0. The parameters are bound by {@link #bindAnyOf}.
     */
    static final String ANY_OF = "(" + String.join(" OR ", COLUMNS.stream()
            .map(d -> "MOD(" + d + " / CAST(? AS BIGINT), CAST(? AS BIGINT)) <> 0").toList()) + ")";

    /**
     * Binds a period's days (as {@link #columns(int, int)} gives them, a run of bits in each column) to the parameters
     * of {@link #ANY_OF} from {@code from} on; a column without any of them is bound 1 and 1, which no number passes.
     */
    static void bindAnyOf(PreparedStatement s, int from, long[] period) throws SQLException {
        for (int i = 0; i < period.length; i++) {
            long bits = period[i];
            int shift = Long.numberOfTrailingZeros(bits);
            if (bits != 0 && bits >>> shift != (1L << Long.bitCount(bits)) - 1) {
                throw new IllegalArgumentException("not a run of days: " + Long.toBinaryString(bits));
            }
            s.setLong(from + 2 * i, bits == 0 ? 1 : 1L << shift);
            s.setLong(from + 2 * i + 1, bits == 0 ? 1 : 1L << Long.bitCount(bits));
        }
    }

    /**
     * The days from {@code first} to {@code last} in a fiscal year, as the columns keep them; null for a year the
     * period holds whole (every learner kept in it had a day there).
     */
    static long[] period(java.time.LocalDate first, java.time.LocalDate last, int year) {
        FiscalYear fy = FiscalYear.of(year);
        if (!first.isAfter(fy.start()) && !last.isBefore(fy.end())) {
            return null;
        }
        return columns(fy.contains(first) ? dayOf(fy, first) : 0, fy.contains(last) ? dayOf(fy, last)
                : dayOf(fy, fy.end()));
    }
}
