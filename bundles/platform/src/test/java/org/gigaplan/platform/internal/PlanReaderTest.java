package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

/** A plan file is refused whole, with every fault named by its JSON path. */
class PlanReaderTest {

    private static String shipped() throws IOException {
        try (InputStream in = PlanReaderTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<FieldError> errors(String json) {
        return assertThrows(InvalidInputException.class, () -> PlanReader.read(json.getBytes(StandardCharsets.UTF_8)))
                .errors();
    }

    private static List<String> fields(String json) {
        return errors(json).stream().map(FieldError::field).toList();
    }

    @Test
    void aNullDocumentIsRefusedNotFailed() {
        FieldError e = errors("null").get(0);
        assertEquals("body", e.field());
        assertTrue(e.detail().startsWith("a plan document"), e.detail());
    }

    @Test
    void malformedJsonIsNamedWithItsPosition() {
        FieldError e = errors("{\"id\": ").get(0);
        assertEquals("body", e.field());
        assertTrue(e.detail().startsWith("malformed JSON at line 1"), e.detail());
    }

    @Test
    void unknownFieldsAreRefusedByPath() throws IOException {
        String json = shipped().replaceFirst("\"priority\": true", "\"priority\": true, \"colour\": \"red\"");
        assertEquals(List.of("actionPlans[0].policies[0].measures[0].actionItems[0].colour"), fields(json));
    }

    @Test
    void missingNumbersAreNamedAsRequired() throws IOException {
        String json = shipped().replace("\"firstYear\": 2023,", "");
        FieldError e = errors(json).get(0);
        assertEquals("firstYear", e.field());
        assertEquals("required: an integer", e.detail());
    }

    @Test
    void wrongTypesAreRefusedByPath() throws IOException {
        String json = shipped().replaceFirst("\"actor\": \"BOARD\"", "\"actor\": \"MAYOR\"");
        FieldError e = errors(json).get(0);
        assertEquals("actionPlans[0].policies[0].measures[0].actionItems[0].actor", e.field());
        assertTrue(e.detail().contains("BOARD, SCHOOL"), e.detail());
    }

    @Test
    void brokenReferencesAndDuplicatesAreAllReported() throws IOException {
        String json = shipped().replace("\"P1-S2\"", "\"P1-S1\"").replaceFirst("\"usage.scene2\"", "\"usage.scene9\"")
                .replace("\"formatVersion\": 1", "\"formatVersion\": 7");
        List<String> fields = fields(json);
        assertTrue(fields.contains("formatVersion"), fields.toString());
        assertTrue(fields.contains("actionPlans[0].policies[0].measures[0].actionItems[2].id"), fields.toString());
        assertTrue(fields.stream().anyMatch(f -> f.endsWith(".indicatorIds")), fields.toString());
    }

    @Test
    void anActionPlanOutsideThePlanPeriodIsRefused() throws IOException {
        String json = shipped().replace("\"fiscalYear\": 2025,\n      \"title\"", "\"fiscalYear\": 2030,\n      \"title\"");
        assertEquals(List.of("actionPlans[0].fiscalYear"), fields(json));
    }
}
