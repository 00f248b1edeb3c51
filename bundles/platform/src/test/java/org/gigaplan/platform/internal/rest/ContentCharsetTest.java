package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.FilterChain;
import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

/**
 * A Content-Type charset the server cannot read is refused with 415 in English and Japanese, inside the application:
 * the servlet filter in front hides it from CXF's transport, which would otherwise fail the call with a 500 before the
 * application sees it. Charsets the JDK reads (those of Excel's CSV files among them) pass, as does a call without a
 * body.
 */
class ContentCharsetTest {

    @Test
    void anUnknownOrMalformedCharsetIsUnreadableAndOneTheJdkReadsIsNot() {
        for (String type : List.of("application/json; charset=foo", "text/csv; charset=\"utf-8",
                "text/csv; charset=\"", "text/csv; Charset=foo", "text/csv;charset=\"utf-8;x\"",
                "text/csv; charset='utf-8'", "text/csv; charset=utf-8 x", "text/csv; a=\"b;c\"; charset=foo")) {
            assertTrue(ContentCharset.unreadable(type).isPresent(), type);
        }
        for (String type : List.of("text/csv; charset=Shift_JIS", "text/csv; charset=\"cp932\"",
                "text/csv;charset=MS932", "text/csv; charset=windows-31j", "text/csv; charset=x-sjis", "application/json; charset=UTF-8",
                "application/json;charset=utf8", "text/csv; charset=", "text/csv; x-charset=foo; charset=utf-8",
                "text/csv; a=\"charset=foo\"", "application/json", "application/json;;;", "foo", "")) {
            assertEquals(Optional.empty(), ContentCharset.unreadable(type), type);
        }
        assertEquals(Optional.empty(), ContentCharset.unreadable(null));
    }

    @Test
    void aBodyInAnUnknownCharsetIsRefused415InEnglishAndJapanese() {
        Response refused = filter("POST", "application/json; charset=foo", 2);
        assertEquals(415, refused.getStatus());
        assertEquals("application/problem+json", refused.getMediaType().toString());
        Problem english = (Problem) refused.getEntity();
        assertEquals("Content-Type", english.field());
        assertEquals("Content-Type: unknown charset \"foo\": send UTF-8 (a CSV file also Shift_JIS)", english.detail());
        Problem japanese = ProblemLanguage.japanese(english);
        assertEquals("この形式は受け付けません", japanese.title());
        assertEquals("Content-Type: 文字コード \"foo\" は扱えません。UTF-8 で送ってください（CSVファイルは Shift_JIS も可）",
                japanese.detail());
        assertEquals(List.of(new FieldError("Content-Type", "文字コード \"foo\" は扱えません。UTF-8 で送ってください"
                + "（CSVファイルは Shift_JIS も可）")), japanese.errors());

        Problem unclosed = (Problem) filter("POST", "text/csv; charset=\"utf-8", 4).getEntity();
        assertEquals(415, unclosed.status());
        assertTrue(unclosed.detail().contains("malformed"), unclosed.detail());
        assertTrue(ProblemLanguage.japanese(unclosed).detail().contains("引用符が閉じていません"));
        assertEquals(415, filter("PUT", "text/csv; charset=foo", -1, "chunked").getStatus(), "a chunked body too");
        String longName = ContentCharset.unreadable("x; charset=" + "a".repeat(1000)).orElseThrow().detail();
        assertTrue(longName.length() < 120, "a long name is cut short: " + longName);
    }

    @Test
    void aReadableCharsetAndACallWithoutABodyPass() {
        assertNull(filter("POST", "text/csv; charset=Shift_JIS", 10));
        assertNull(filter("GET", "application/json; charset=foo", -1), "a GET has no body to read");
        assertNull(filter("DELETE", "application/json; charset=foo", 0));
    }

    @Test
    void theTransportIsShownNoCharsetItWouldFailOnAndTheHeaderStaysAsSent() throws Exception {
        for (String type : List.of("application/json; charset=foo", "text/csv; charset=\"utf-8", "text/csv; charset=\"",
                "text/csv; x-charset=foo; charset=utf-8")) {
            HttpServletRequest request = servletRequest(type, null);
            assertTrue(ContentCharsetShield.transportFails(request), type);
            HttpServletRequest passed = shield(request);
            assertFalse(ContentCharsetShield.transportFails(passed), type);
            assertNull(passed.getCharacterEncoding());
            assertFalse(passed.getContentType().contains("charset"), passed.getContentType());
            assertEquals(type, passed.getHeader("Content-Type"), "the application still sees what was sent");
        }
        // Jetty finds a charset CXF's own search misses (its name capitalized).
        HttpServletRequest capital = servletRequest("text/csv; Charset=foo", "foo");
        assertTrue(ContentCharsetShield.transportFails(capital));
        assertNull(shield(capital).getCharacterEncoding());
        for (String type : List.of("text/csv; charset=Shift_JIS", "text/csv; charset=\"windows-31j\"",
                "application/json; charset=UTF-8", "application/json", "foo", "application/json;;;")) {
            HttpServletRequest request = servletRequest(type, null);
            assertFalse(ContentCharsetShield.transportFails(request), type);
            assertSame(request, shield(request), type);
        }
    }

    private static HttpServletRequest shield(HttpServletRequest request) throws Exception {
        List<ServletRequest> passed = new ArrayList<>();
        FilterChain chain = (req, res) -> passed.add(req);
        new ContentCharsetShield().doFilter(request, null, chain);
        return (HttpServletRequest) passed.get(0);
    }

    private static HttpServletRequest servletRequest(String contentType, String characterEncoding) {
        return (HttpServletRequest) Proxy.newProxyInstance(ContentCharsetTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentType" -> contentType;
                    case "getCharacterEncoding" -> characterEncoding;
                    case "getHeader" -> "Content-Type".equalsIgnoreCase((String) args[0]) ? contentType : null;
                    case "getMethod" -> "POST";
                    default -> null;
                });
    }

    private static Response filter(String method, String contentType, long length) {
        return filter(method, contentType, length, null);
    }

    /** The filter's answer to a call, or null when it lets the call through. */
    private static Response filter(String method, String contentType, long length, String transferEncoding) {
        Response[] aborted = { null };
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("content-type", contentType);
        if (transferEncoding != null) {
            headers.put("transfer-encoding", transferEncoding);
        }
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                ContentCharsetTest.class.getClassLoader(), new Class<?>[] { ContainerRequestContext.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getLength" -> (int) length;
                    case "getHeaderString" -> headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                    case "abortWith" -> {
                        aborted[0] = (Response) args[0];
                        yield null;
                    }
                    default -> null;
                });
        new ContentCharset().filter(request);
        return aborted[0];
    }
}
