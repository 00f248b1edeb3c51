package org.gigaplan.environment.internal.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.gigaplan.environment.internal.XapiService;
import org.gigaplan.plan.rest.InvalidInputException;

/** The LRS's request parameters and headers, read once for its resources: each refused (400) naming itself. */
final class XapiParameters {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private XapiParameters() {
    }

    /** A true/false parameter, false when absent. */
    static boolean bool(String value, String field) {
        return value != null && switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException(field, "true or false, was " + value);
        };
    }

    /** A page's size: 100 when absent or 0, at most 1000. */
    static int limit(Integer limit) {
        int max = limit == null || limit == 0 ? 100 : limit;
        if (max < 0 || max > 1000) {
            throw new InvalidInputException("limit", "1 to 1000, was " + limit);
        }
        return max;
    }

    /** xAPI's version header: 1.0.x or 2.0.x (the answer says which it speaks: {@link XapiHeaders}). */
    static void checkVersion(String version) {
        if (version == null || !version.matches("(1\\.0|2\\.0)(\\.\\d+)?")) {
            throw new InvalidInputException(XapiResource.VERSION_HEADER, "header required: 1.0.x or 2.0.x (this LRS "
                    + "speaks " + XapiService.VERSION + " and " + XapiService.VERSION_2 + "), was " + version);
        }
    }

    /** The JSON Agent of the standard's agent query parameter. */
    static Object parseAgent(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("agent", "a JSON Agent, e.g. {\"mbox\":\"mailto:learner@example.org\"}, was "
                    + json);
        }
    }

    /** A time parameter (ISO 8601 with its offset), null when absent. */
    static Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "ISO 8601 with offset, was \"" + text + "\"");
        }
    }
}
