package org.gigaplan.plan.rest;

import java.util.List;

/** One page of a list endpoint's results. */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
