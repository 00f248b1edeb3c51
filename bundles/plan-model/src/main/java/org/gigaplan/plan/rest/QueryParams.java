package org.gigaplan.plan.rest;

/**
 * Reads raw query and path parameters. Resources take parameters as strings and read them here, because
 * JAX-RS answers a parameter it cannot convert with a bare 404; this answers 400 naming the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** A whole number, or null when the parameter is absent. */
    public static Integer integer(String field, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a whole number, was \"" + raw + "\"");
        }
    }
}
