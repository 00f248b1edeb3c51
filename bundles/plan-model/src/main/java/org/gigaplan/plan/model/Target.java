package org.gigaplan.plan.model;

/** A staged target: the value an indicator should reach by the end of a fiscal year. */
public record Target(int fiscalYear, double value) {
}
