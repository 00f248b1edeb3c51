package org.gigaplan.environment.internal.lrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gigaplan.plan.rest.InvalidInputException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The exact, ids and canonical forms of a Statement. */
class StatementFormatsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws IOException {
        return new ObjectMapper().readValue(text, Map.class);
    }

    private static final String STATEMENT = "{\"id\":\"0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b\",\"actor\":{\"objectType\":"
            + "\"Agent\",\"name\":\"児童A\",\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"http://v.example/done\","
            + "\"display\":{\"ja-JP\":\"完了\",\"en-US\":\"done\"}},\"object\":{\"objectType\":\"Activity\",\"id\":"
            + "\"https://x.example/a\",\"definition\":{\"name\":{\"en-US\":\"Fractions\",\"ja\":\"分数\"}}},"
            + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"https://x.example/p\",\"definition\":{\"name\":"
            + "{\"en-US\":\"P\"}}}]},\"extensions\":{\"https://x.example/e\":{\"name\":\"kept\"}}}}";

    @Test
    void exactIsAsStored() throws IOException {
        assertEquals(json(STATEMENT), StatementFormats.apply(json(STATEMENT), "exact", List.of()));
    }

    @Test
    void idsKeepsOnlyIdentifiers() throws IOException {
        Map<String, Object> ids = StatementFormats.apply(json(STATEMENT), "ids", List.of());
        assertEquals(Map.of("objectType", "Agent", "mbox", "mailto:a@b.example"), ids.get("actor"));
        assertEquals(Map.of("id", "http://v.example/done"), ids.get("verb"));
        assertEquals(Map.of("id", "https://x.example/a"), ids.get("object"));
        assertEquals(List.of(Map.of("id", "https://x.example/p")), ((Map<?, ?>) ((Map<?, ?>) ids.get("context"))
                .get("contextActivities")).get("parent"));
        assertEquals(Map.of("name", "kept"), ((Map<?, ?>) ((Map<?, ?>) ids.get("context")).get("extensions"))
                .get("https://x.example/e"), "extensions are the tool's own, left alone");
    }

    @Test
    void canonicalKeepsThePreferredLanguage() throws IOException {
        Map<String, Object> ja = StatementFormats.apply(json(STATEMENT), "canonical", List.of(Locale.JAPANESE));
        assertEquals(Map.of("ja-JP", "完了"), ((Map<?, ?>) ja.get("verb")).get("display"));
        assertEquals(Map.of("ja", "分数"), ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ja.get("object")).get("definition")))
                .get("name"));
        Map<String, Object> none = StatementFormats.apply(json(STATEMENT), "canonical", List.of(Locale.FRENCH));
        assertEquals(Map.of("ja-JP", "完了"), ((Map<?, ?>) none.get("verb")).get("display"), "else the first");
        assertThrows(InvalidInputException.class, () -> StatementFormats.of("short"));
    }
}
