package org.gigaplan.environment.internal.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The learners of a school day or week as kept beside its sums: each by their number at the school
 * ({@link SchoolLearners}), and for a day, when they had statements: the first and the last millisecond of the day
 * (from its start in the platform's zone) holding one. A period's summary joins the sets of the days and weeks it
 * holds whole, and tells from its edge days' times which learners had a statement in the hours at its ends, without
 * reading their names. A row keeps the set as a bit per number ({@code learners}) and, for a day, two numbers per
 * learner in the set's order ({@code spans}, four bytes each), for a day of at most {@link #MOST_TIMED} learners.
 */
final class Learners {

    /** The bytes a row's column of learners or times holds: Derby's longest binary column. */
    static final int COLUMN_BYTES = 32_672;

    /**
     * The most learners whose times a day's row keeps: eight bytes a learner. A day of more keeps their numbers only
     * ({@link #timed()} is false), and the learners of a period's hours in it are told by name.
     */
    static final int MOST_TIMED = COLUMN_BYTES / 8;

    private final BitSet numbers = new BitSet();
    /** Per learner, the first and last millisecond of the day; null for a week's learners, which keep no times. */
    private final Map<Integer, int[]> times;
    /** A day read without its times (it had more learners than {@link #MOST_TIMED}), or joined with such a day. */
    private boolean untimed;

    private Learners(boolean withTimes) {
        this.times = withTimes ? new HashMap<>() : null;
    }

    /** No learners of a day yet. */
    static Learners ofDay() {
        return new Learners(true);
    }

    /** No learners of a week yet. */
    static Learners ofWeek() {
        return new Learners(false);
    }

    /** A learner with a statement at {@code ms} into the day. */
    void add(int number, int ms) {
        numbers.set(number);
        times.compute(number, (n, span) -> widen(span, ms));
    }

    /** A learner's first and last millisecond ({@code span}, none yet when null) widened to take in {@code ms}. */
    static int[] widen(int[] span, int ms) {
        if (span == null) {
            return new int[] { ms, ms };
        }
        span[0] = Math.min(span[0], ms);
        span[1] = Math.max(span[1], ms);
        return span;
    }

    /** Every learner of another day (week), their times widened to take in its (a week keeps none). */
    void addAll(Learners other) {
        numbers.or(other.numbers);
        if (times != null && other.times != null) {
            other.times.forEach((n, span) -> {
                add(n, span[0]);
                add(n, span[1]);
            });
            untimed |= other.untimed;
        }
    }

    /** Whether these are a day's learners with every one's times (at most {@link #MOST_TIMED} learners). */
    boolean timed() {
        return times != null && !untimed && numbers.cardinality() <= MOST_TIMED;
    }

    /** The same learners, times and all, to change apart. */
    Learners copy() {
        Learners out = new Learners(times != null);
        out.addAll(this);
        return out;
    }

    /** Takes these learners out. */
    void removeAll(BitSet gone) {
        numbers.andNot(gone);
        if (times != null) {
            gone.stream().forEach(times::remove);
        }
    }

    /** The learners' numbers. */
    BitSet numbers() {
        return (BitSet) numbers.clone();
    }

    /**
     * The learners with a statement after {@code ms} into the day (their last one later); those whose last one lies in
     * that very millisecond, before or after the instant, are added to {@code unsure}. Only of a day {@link #timed()}.
     */
    BitSet after(int ms, BitSet unsure) {
        BitSet out = new BitSet();
        times.forEach((n, span) -> {
            if (span[1] > ms) {
                out.set(n);
            } else if (span[1] == ms) {
                unsure.set(n);
            }
        });
        return out;
    }

    /** The learners with a statement up to {@code ms} into the day; those whose first lies in it go to unsure. */
    BitSet upTo(int ms, BitSet unsure) {
        BitSet out = new BitSet();
        times.forEach((n, span) -> {
            if (span[0] < ms) {
                out.set(n);
            } else if (span[0] == ms) {
                unsure.set(n);
            }
        });
        return out;
    }

    /** The set as a row keeps it: a bit per number; null for none. */
    byte[] numbersBytes() {
        return numbers.isEmpty() ? null : numbers.toByteArray();
    }

    /**
     * The times as a day's row keeps them: first and last of each learner in the order of their numbers; null for
     * none, or for a day not {@link #timed()}.
     */
    byte[] spansBytes() {
        if (numbers.isEmpty() || !timed()) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(8 * numbers.cardinality());
        numbers.stream().forEach(n -> out.putInt(times.get(n)[0]).putInt(times.get(n)[1]));
        return out.array();
    }

    /** The numbers of the learners a row keeps, read without their times. */
    static BitSet numbers(byte[] numbers) {
        return numbers == null ? new BitSet() : BitSet.valueOf(numbers);
    }

    /** The learners a day's row keeps. */
    static Learners ofDay(byte[] numbers, byte[] spans) {
        Learners out = ofDay();
        out.numbers.or(numbers(numbers));
        if (spans != null) {
            ByteBuffer in = ByteBuffer.wrap(spans);
            out.numbers.stream().forEach(n -> out.times.put(n, new int[] { in.getInt(), in.getInt() }));
        } else {
            out.untimed = !out.numbers.isEmpty();
        }
        return out;
    }

    /** The learners a week's row keeps. */
    static Learners ofWeek(byte[] numbers) {
        Learners out = ofWeek();
        out.numbers.or(numbers(numbers));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Learners other) || !numbers.equals(other.numbers)
                || (times == null) != (other.times == null) || timed() != other.timed()) {
            return false;
        }
        if (timed()) {
            for (Map.Entry<Integer, int[]> e : times.entrySet()) {
                if (!Arrays.equals(e.getValue(), other.times.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return numbers.hashCode();
    }
}
