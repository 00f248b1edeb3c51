package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;

/**
 * One thing the board or the schools commit to doing in a fiscal year.
 *
 * @param id           stable key ({@code P1-B1}: policy 1, board item 1)
 * @param actor        who does it
 * @param priority     listed among the year's priority items (重点項目)
 * @param text         the commitment as the plan words it
 * @param indicatorIds indicators that show whether it is happening
 */
public record ActionItem(String id, Actor actor, boolean priority, LocalizedText text, List<String> indicatorIds) {

    public ActionItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(text, "text");
        indicatorIds = indicatorIds == null ? List.of() : List.copyOf(indicatorIds);
    }
}
