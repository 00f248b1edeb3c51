package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

/**
 * A {@link Reused} answer's JSON is written once per instance and sent again as it was; a new instance is written
 * anew, and an answer of a method without the mark is written each time.
 */
class JsonProviderTest {

    record Answer(List<String> items) {
    }

    @Reused
    Answer reused() {
        return null;
    }

    Answer plain() {
        return null;
    }

    @Test
    void aReusedAnswerIsWrittenOncePerInstance() throws Exception {
        JsonProvider provider = new JsonProvider();
        Annotation[] reused = JsonProviderTest.class.getDeclaredMethod("reused").getAnnotations();
        Annotation[] plain = JsonProviderTest.class.getDeclaredMethod("plain").getAnnotations();
        // The items change in place only to show which bytes were sent: a reused answer never changes.
        Answer answer = new Answer(new ArrayList<>(List.of("a")));
        assertEquals("{\"items\":[\"a\"]}", write(provider, answer, reused));
        answer.items().add("b");
        assertEquals("{\"items\":[\"a\"]}", write(provider, answer, reused), "the bytes written the first time");
        assertEquals("{\"items\":[\"a\",\"b\"]}", write(provider, answer, plain), "written anew without the mark");
        assertEquals("{\"items\":[\"a\",\"b\"]}", write(provider, new Answer(answer.items()), reused),
                "another instance is written anew");
    }

    private static String write(JsonProvider provider, Object value, Annotation[] annotations) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(value, value.getClass(), value.getClass(), annotations, MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
