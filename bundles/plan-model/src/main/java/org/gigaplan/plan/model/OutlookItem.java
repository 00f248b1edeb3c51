package org.gigaplan.plan.model;

/** A line of the outlook toward the plan's last year (今後の展望), under a basic policy's area. */
public record OutlookItem(String id, int policy, LocalizedText area, LocalizedText text, int fromYear, int toYear) {
}
