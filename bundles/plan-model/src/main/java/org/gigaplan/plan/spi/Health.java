package org.gigaplan.plan.spi;

/** A module's own account of whether it works. */
public record Health(State state, String detail) {

    public enum State {
        UP, DEGRADED, DOWN
    }

    public static Health up() {
        return new Health(State.UP, "");
    }

    public static Health down(String detail) {
        return new Health(State.DOWN, detail);
    }
}
