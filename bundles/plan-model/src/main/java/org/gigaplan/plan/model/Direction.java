package org.gigaplan.plan.model;

/** Whether an indicator improves by rising or by falling. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
