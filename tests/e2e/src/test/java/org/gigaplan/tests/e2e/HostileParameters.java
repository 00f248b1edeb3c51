package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hostile query and path values on every read the live OpenAPI document lists: for each parameter of each GET, as the
 * board, dates outside any fiscal year the platform handles (1800, 1989, 9999), numbers beyond an int, fractions, SQL,
 * script, 3,000 characters, nothing, bytes that are no UTF-8. No answer may be 5xx, a refusal is a problem naming
 * what was wrong, and no answer shows the server's insides (servlet names, exceptions).
 */
final class HostileParameters {

    static final List<String> VALUES = List.of("1800-01-01", "1989-04-03", "9999-12-31", "99999999999",
            "-2147483649", "1.5", "%27%3B%20DROP%20TABLE%20gp_school%3B--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "x".repeat(3000), "", "%FF%FE", "true");

    private HostileParameters() {
    }

    /** Sends them all; the failures, one line each (empty when every answer was right). */
    static List<String> check(Distribution dist) throws Exception {
        JsonNode document = dist.json("/api/openapi.json");
        String base = document.path("servers").path(0).path("url").asText("/api");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode get = path.getValue().path("get");
            for (JsonNode parameter : get.path("parameters")) {
                String name = parameter.path("name").asText();
                boolean inPath = parameter.path("in").asText().equals("path");
                for (String value : VALUES) {
                    String target = inPath
                            ? base + HostileBodies.concrete(path.getKey().replace("{" + name + "}", value.isEmpty() ? "%20" : value))
                            : base + HostileBodies.concrete(path.getKey()) + "?" + name + "=" + value;
                    Distribution.Response r = dist.get(target);
                    sent++;
                    boolean insides = r.body().contains("SERVLET") || r.body().contains("Exception")
                            || r.body().contains("org.apache") || r.body().contains("org.eclipse");
                    if (r.status() >= 500 || insides || r.status() >= 400 && r.status() != 401
                            && !r.contentType().startsWith("application/problem+json")) {
                        failures.add("GET " + path.getKey() + " with " + name + "=" + HostileBodies.cut(value) + ": "
                                + r.status() + " " + r.contentType() + " " + HostileBodies.cut(r.body()));
                    }
                }
            }
        }
        assertTrue(sent > 300, "hostile parameters sent: " + sent);
        return failures;
    }
}
