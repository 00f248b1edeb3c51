package org.gigaplan.plan.rest;

import java.util.List;

/** One page of a list endpoint's results. */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.offset(), request.limit(), total);
    }
}
