package org.gigaplan.plan.rest;

/**
 * Which page of a list endpoint a client asked for. Parsed from the raw {@code offset} and {@code limit}
 * query parameters, so a bad value is a 400 naming the parameter rather than JAX-RS's bare 404.
 */
public record PageRequest(int offset, int limit) {

    public PageRequest {
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative");
        }
        if (limit < 1 || limit > GigaPlanRest.MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit", "from 1 to " + GigaPlanRest.MAX_PAGE_SIZE);
        }
    }

    /** @param offset raw {@code offset} parameter, null for 0; @param limit raw {@code limit}, null for the default */
    public static PageRequest parse(String offset, String limit) {
        return new PageRequest(offset == null ? 0 : QueryParams.integer("offset", offset),
                limit == null ? GigaPlanRest.DEFAULT_PAGE_SIZE : QueryParams.integer("limit", limit));
    }
}
