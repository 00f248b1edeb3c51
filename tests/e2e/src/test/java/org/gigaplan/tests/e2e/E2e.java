package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.gigaplan.tests.e2e.Distribution.Response;

import com.fasterxml.jackson.databind.JsonNode;

/** What every end-to-end test class reads and asserts the same way. */
final class E2e {

    private E2e() {
    }

    /** A system property the build sets for the tests. */
    static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " is not set (run through mvn verify)");
        return value;
    }

    /** One indicator of a progress report. */
    static JsonNode indicator(JsonNode progress, String id) {
        for (JsonNode p : progress.path("policies")) {
            for (JsonNode i : p.path("indicators")) {
                if (id.equals(i.path("id").asText())) {
                    return i;
                }
            }
        }
        throw new AssertionError("no indicator " + id + " in progress report");
    }

    /** An indicator's staged target for a fiscal year in a plan document, or NaN when it has none set for it. */
    static double targetOf(JsonNode plan, String indicator, int fiscalYear) {
        for (JsonNode i : plan.path("indicators")) {
            if (indicator.equals(i.path("id").asText())) {
                for (JsonNode t : i.path("targets")) {
                    if (t.path("fiscalYear").asInt() == fiscalYear) {
                        return t.path("value").asDouble();
                    }
                }
            }
        }
        return Double.NaN;
    }

    /** Asserts a problem+json answer of the status whose errors name the field, when one is given. */
    static JsonNode problem(Response r, int status, String field) {
        assertEquals(status, r.status(), () -> "answer: " + r);
        assertTrue(r.contentType().startsWith("application/problem+json"), () -> "not problem+json: " + r);
        JsonNode body = r.json();
        if (field != null) {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertTrue(fields.contains(field), () -> field + " not named in " + body);
        }
        return body;
    }
}
