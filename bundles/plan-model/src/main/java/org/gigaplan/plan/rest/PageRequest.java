package org.gigaplan.plan.rest;

/** Which page of a list endpoint a client asked for; out-of-range values are refused naming the parameter. */
public record PageRequest(int offset, int limit) {

    public PageRequest {
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative", "0以上にしてください");
        }
        if (limit < 1 || limit > GigaPlanRest.MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit", "from 1 to " + GigaPlanRest.MAX_PAGE_SIZE,
                    "1〜" + GigaPlanRest.MAX_PAGE_SIZE + "にしてください");
        }
    }

    /** From the {@code offset} and {@code limit} query parameters; absent means 0 and the default size. */
    public static PageRequest of(Integer offset, Integer limit) {
        return new PageRequest(offset == null ? 0 : offset, limit == null ? GigaPlanRest.DEFAULT_PAGE_SIZE : limit);
    }
}
