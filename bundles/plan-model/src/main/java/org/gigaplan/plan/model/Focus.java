package org.gigaplan.plan.model;

/** A numbered focus inside a measure, e.g. ① 個別最適な学びの推進. */
public record Focus(String mark, LocalizedText title) {
}
