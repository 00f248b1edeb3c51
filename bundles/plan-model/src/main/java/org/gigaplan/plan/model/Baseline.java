package org.gigaplan.plan.model;

/** The value an indicator started from, and the fiscal year it was measured in. */
public record Baseline(double value, int fiscalYear) {
}
