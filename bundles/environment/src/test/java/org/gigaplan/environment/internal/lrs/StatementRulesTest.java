package org.gigaplan.environment.internal.lrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.rest.FieldChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** xAPI 1.0.3's rules for a Statement, each fault named by its field; valid forms of every kind taken. */
class StatementRulesTest {

    private static final String BASE = "{\"actor\":{\"mbox\":\"mailto:a@b.example\"},"
            + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},\"object\":{\"id\":\"https://x.example/a\"}";

    private static List<String> faults(String json) throws IOException {
        FieldChecks check = new FieldChecks();
        StatementRules.statement(new ObjectMapper().readValue(json, Object.class), "", check);
        return check.errors().stream().map(e -> e.field()).toList();
    }

    @Test
    void takesEveryKindOfValidStatement() throws IOException {
        assertEquals(List.of(), faults(BASE + "}"));
        assertEquals(List.of(), faults("{\"actor\":{\"objectType\":\"Group\",\"member\":[{\"account\":{\"homePage\":"
                + "\"https://d.example\",\"name\":\"s1\"}}]},\"verb\":{\"id\":\"http://v.example/x\",\"display\":"
                + "{\"ja-JP\":\"した\",\"zh-Hant-TW\":\"做\"}},\"object\":{\"objectType\":\"SubStatement\",\"actor\":"
                + "{\"openid\":\"https://id.example/a\"},\"verb\":{\"id\":\"http://v.example/y\"},\"object\":{\"objectType\":"
                + "\"StatementRef\",\"id\":\"0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b\"}},\"result\":{\"duration\":\"P1DT2H3M4.5S\","
                + "\"score\":{\"raw\":1,\"min\":0,\"max\":2}},\"context\":{\"instructor\":{\"mbox_sha1sum\":"
                + "\"0123456789abcdef0123456789abcdef01234567\"},\"statement\":{\"objectType\":\"StatementRef\",\"id\":"
                + "\"0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b\"}},\"version\":\"1.0.3\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"id\":\"https://x.example/a\"}}|actor",
            BASE + ",\"id\":\"not-a-uuid\"}|id",
            BASE + ",\"grade\":5}|grade",
            BASE + ",\"result\":null}|result",
            "{\"actor\":{\"mbox\":\"a@b.example\"},\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"id\":\"https://x.example/a\"}}|actor.mbox",
            "{\"actor\":{\"mbox\":\"mailto:a@b.example\",\"openid\":\"https://o.example\"},\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"id\":\"https://x.example/a\"}}|actor",
            "{\"actor\":{\"objectType\":\"Group\"},\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"id\":\"https://x.example/a\"}}|actor.member",
            "{\"actor\":{\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"completed\"},\"object\":{\"id\":\"https://x.example/a\"}}|verb.id",
            "{\"actor\":{\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"http://v.example/x\",\"display\":{\"not a tag\":\"x\"}},\"object\":{\"id\":\"https://x.example/a\"}}|verb.display.not a tag",
            BASE + ",\"result\":{\"score\":{\"scaled\":1.5}}}|result.score.scaled",
            BASE + ",\"result\":{\"score\":{\"raw\":5,\"min\":10,\"max\":20}}}|result.score.raw",
            BASE + ",\"result\":{\"duration\":\"12 minutes\"}}|result.duration",
            BASE + ",\"result\":{\"success\":\"yes\"}}|result.success",
            BASE + ",\"context\":{\"registration\":\"abc\"}}|context.registration",
            BASE + ",\"context\":{\"extensions\":{\"class\":\"5-1\"}}}|context.extensions.class",
            BASE + ",\"timestamp\":\"2025-06-02 10:00\"}|timestamp",
            BASE + ",\"version\":\"2.0.0\"}|version",
            BASE + ",\"timestamp\":\"2025-06-02T10:00:00-00:00\"}|timestamp",
            BASE + ",\"timestamp\":\"2025-06-02T10:00:00.601-00\"}|timestamp",
            BASE + ",\"timestamp\":\"2025-06-02T10:00:00.601-0000\"}|timestamp",
            BASE + ",\"result\":{\"duration\":\"P4W1D\"}}|result.duration",
            BASE + ",\"authority\":{\"objectType\":\"Group\",\"member\":[{\"mbox\":\"mailto:a@b.example\"}]}}|authority.member",
            BASE + ",\"authority\":{\"objectType\":\"Group\",\"mbox\":\"mailto:g@b.example\",\"member\":[{\"mbox\":\"mailto:a@b.example\"},{\"mbox\":\"mailto:c@b.example\"}]}}|authority",
            "{\"actor\":{\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"id\":\"https://x.example/a\",\"definition\":{\"choices\":[{\"id\":\"a\"}]}}}|object.definition.interactionType",
            "{\"actor\":{\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},\"object\":{\"id\":\"https://x.example/a\"}}|object",
            "{\"actor\":{\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:c@d.example\"},\"context\":{\"platform\":\"x\"}}|context.platform",
            "{\"actor\":{\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:a@b.example\"},\"verb\":{\"id\":\"http://v.example/x\"},\"object\":{\"objectType\":\"SubStatement\"}}}|object.object.objectType",
            BASE + ",\"attachments\":[{\"usageType\":\"http://u.example\",\"display\":{\"en\":\"x\"},\"contentType\":\"text/plain\",\"length\":\"12\",\"sha2\":\"ab\"}]}|attachments[0].length" })
    void refusesNamingTheField(String json, String field) throws IOException {
        List<String> faults = faults(json);
        assertTrue(faults.contains(field), field + " not in " + faults);
    }

    @Test
    void reportsEveryFaultOfABatchMember() throws IOException {
        FieldChecks check = new FieldChecks();
        StatementRules.statement(Map.of("actor", Map.of(), "verb", "completed"), "[3]", check);
        assertEquals(List.of("[3].object", "[3].actor", "[3].verb"), check.errors().stream().map(e -> e.field())
                .sorted((a, b) -> a.equals("[3].object") ? -1 : b.equals("[3].object") ? 1 : a.compareTo(b)).toList());
    }

    private static List<String> faults2(String json) throws IOException {
        FieldChecks check = new FieldChecks();
        StatementRules.statement(new ObjectMapper().readValue(json, Object.class), "", true, check);
        return check.errors().stream().map(e -> e.field()).toList();
    }

    @Test
    void xapi2TakesItsContextAgentsAndGroupsAndVersionAnd103DoesNot() throws IOException {
        String context = BASE + ",\"version\":\"2.0.0\",\"context\":{\"contextAgents\":[{\"objectType\":\"contextAgent\","
                + "\"agent\":{\"mbox\":\"mailto:t@b.example\"},\"relevantTypes\":[\"https://x.example/teacher\"]}],"
                + "\"contextGroups\":[{\"objectType\":\"contextGroup\",\"group\":{\"objectType\":\"Group\","
                + "\"account\":{\"homePage\":\"https://portal.example\",\"name\":\"5-1\"}}}]}}";
        assertEquals(List.of(), faults2(context));
        assertEquals(List.of("context.contextAgents", "context.contextGroups", "version"), faults(context),
                "1.0.3 has neither");
        assertEquals(List.of("context.contextAgents[0].objectType", "context.contextAgents[0].agent"), faults2(BASE
                + ",\"context\":{\"contextAgents\":[{\"objectType\":\"Agent\"}]}}"));
        assertEquals(List.of("context.contextGroups[0].group"), faults2(BASE + ",\"context\":{\"contextGroups\":[{"
                + "\"objectType\":\"contextGroup\",\"group\":{\"mbox\":\"mailto:g@b.example\"}}]}}"), "a Group");
        assertEquals(List.of("context.contextAgents[0].relevantTypes"), faults2(BASE + ",\"context\":{\"contextAgents\":["
                + "{\"objectType\":\"contextAgent\",\"agent\":{\"mbox\":\"mailto:t@b.example\"},\"relevantTypes\":[]}]}}"));
        assertEquals(List.of("version"), faults2(BASE + ",\"version\":\"3.0.0\"}"));
    }

    @Test
    void durationsCompareToTheHundredthOfASecond() {
        assertEquals("P1DT12H36M0.12S", ResultRules.compared("P1DT12H36M0.1237S"));
        assertEquals("PT0.12S", ResultRules.compared("PT0.12S"));
        assertEquals("PT5S", ResultRules.compared("PT5S"));
        assertEquals("P4W", ResultRules.compared("P4W"));
        assertEquals(ResultRules.compared("PT1.999S"), "PT1.99S", "cut, not rounded");
    }
}
