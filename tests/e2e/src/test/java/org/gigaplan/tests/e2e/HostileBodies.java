package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hostile bodies on every write the live OpenAPI document lists: for each operation with a request body, as the
 * board (who may make every write), bodies that are malformed, of the wrong type, truncated, nested thousands deep,
 * in no encoding, oversized in one field, or carrying script and SQL. Each must be refused with a 4xx problem (those
 * that are not JSON or CSV at all), and none may be answered 5xx: a refused write stores nothing (its resource's
 * transactions go with the refusal), so a 4xx here is also nothing stored.
 */
final class HostileBodies {

    /** A body, and whether every write must refuse it. */
    private record Body(String name, String contentType, byte[] bytes, boolean mustRefuse) {
    }

    private HostileBodies() {
    }

    /** Sends them all; the failures, one line each (empty when every answer was right). */
    static List<String> check(Distribution dist) throws Exception {
        JsonNode document = dist.json("/api/openapi.json");
        JsonNode paths = document.path("paths");
        String base = document.path("servers").path(0).path("url").asText("/api");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (content.isMissingNode()) {
                    continue;
                }
                String target = base + concrete(path.getKey());
                for (Iterator<String> types = content.fieldNames(); types.hasNext();) {
                    String type = types.next();
                    for (Body body : bodies(type)) {
                        Distribution.Response r = dist.sendBytes(op.getKey().toUpperCase(), target, body.contentType(),
                                body.bytes());
                        sent++;
                        String what = op.getKey().toUpperCase() + " " + target + " with " + body.name() + ": " + r.status()
                                + " " + r.contentType() + " " + cut(r.body());
                        if (r.status() >= 500) {
                            failures.add(what);
                        } else if (body.mustRefuse() && (r.status() < 400 || !r.contentType().startsWith(
                                "application/problem+json"))) {
                            failures.add(what);
                        }
                    }
                }
            }
        }
        assertTrue(sent > 100, "hostile bodies sent: " + sent);
        return failures;
    }

    /** A path with its parameters filled in with values that exist in the sample data. */
    static String concrete(String template) {
        return template.replaceAll("\\{schoolId\\}|\\{school\\}", "S-E01").replaceAll("\\{fiscalYear\\}|\\{year\\}", "2025")
                .replaceAll("\\{[^}]*\\}", "1");
    }

    private static List<Body> bodies(String type) {
        List<Body> out = new ArrayList<>();
        if (type.startsWith("application/json")) {
            String json = "application/json";
            out.add(json("not JSON", "this is not json", true));
            out.add(json("truncated JSON", "{\"a\": [1, 2", true));
            out.add(json("JSON null", "null", true));
            out.add(json("a JSON string", "\"text\"", true));
            out.add(json("a JSON number", "12345", true));
            out.add(json("JSON nested 5000 deep", "[".repeat(5000) + "]".repeat(5000), true));
            out.add(json("objects nested 5000 deep", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000), true));
            out.add(new Body("Latin-1 bytes declared UTF-8", json, new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xE9, (byte) 0xFF,
                    '"', '}' }, false));
            out.add(json("a 1 MB field", "{\"name\":\"" + "A".repeat(1024 * 1024) + "\"}", false));
            out.add(json("script and SQL", "{\"name\":\"<script>alert(1)</script>'; DROP TABLE gp_audit; --\","
                    + "\"title\":\"<img src=x onerror=alert(1)>\",\"text\":\"\\u0000\"}", false));
            out.add(json("an array of nulls", "[null, null]", false));
        } else {
            String csv = type.startsWith("text/csv") ? "text/csv" : type;
            out.add(new Body("an unterminated quote", csv, "a,b,c\n\"x,y,z\n1,2,3\n".getBytes(StandardCharsets.UTF_8), true));
            out.add(new Body("binary bytes", csv, new byte[] { 0, 1, 2, (byte) 0xFF, (byte) 0xFE, 10, 13, 0, 7 }, true));
            out.add(new Body("a header only", csv, "school_id,name\n".getBytes(StandardCharsets.UTF_8), true));
            out.add(new Body("10,000 columns", csv, ("a" + ",a".repeat(10_000) + "\n1\n").getBytes(StandardCharsets.UTF_8), true));
            out.add(new Body("a formula and script", csv, "a,b\n=cmd|'/c calc'!A1,<script>alert(1)</script>\n"
                    .getBytes(StandardCharsets.UTF_8), false));
        }
        // Text a web page could send across sites without asking: never taken where JSON or CSV is meant.
        out.add(new Body("text/plain", "text/plain", "school_id,name\nS-X,x\n".getBytes(StandardCharsets.UTF_8), true));
        return out;
    }

    private static Body json(String name, String text, boolean mustRefuse) {
        return new Body(name, "application/json", text.getBytes(StandardCharsets.UTF_8), mustRefuse);
    }

    static String cut(String body) {
        String one = body.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }
}
