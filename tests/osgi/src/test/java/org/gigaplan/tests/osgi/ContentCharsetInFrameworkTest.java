package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A body whose Content-Type names a charset the server cannot read (unknown, or the header malformed) is refused with
 * 415 as a problem in the caller's language, and the refused write is in the audit log, instead of the web server's
 * 500 page with the exception's text; a charset the server reads (Shift_JIS, as Excel saves a CSV) still reaches the
 * resource, and a charset on a call without a body is ignored.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class ContentCharsetInFrameworkTest {

    /** Answers the CSV text it was sent, decoded as the platform's CSV kit decodes an import. */
    @Path("charsets/echo")
    @Public
    public static class Echo {
        @POST
        @Consumes("text/csv")
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, String> echo(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type) {
            return Map.of("text", CsvTable.text(body, CsvTable.charsetOf(type)));
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, String> read() {
            return Map.of("read", "yes");
        }
    }

    @InjectBundleContext
    BundleContext context;
    @InjectService(timeout = 30_000)
    AuditLog audit;
    @InjectService(timeout = 30_000)
    ServiceAware<JaxrsServiceRuntime> runtime;

    private ServiceRegistration<?> module;
    private ServiceRegistration<?> resource;
    private URI base;

    @BeforeEach
    void register() throws Exception {
        module = context.registerService(PolicyModule.class, new TestModule("charsets"), null);
        resource = context.registerService(Echo.class, new Echo(), InFramework.apiResource());
        base = InFramework.endpoint(runtime.getServiceReference());
        InFramework.await("the resource on /api", () -> InFramework.status(base.resolve("/api/charsets/echo")) == 200);
    }

    @AfterEach
    void unregister() {
        resource.unregister();
        module.unregister();
    }

    @Test
    void anUnknownCharsetIsRefused415AsAProblemInTheCallersLanguageAndTheRefusalIsAudited() {
        long entries = audit.count(AuditLog.Query.all());
        HttpResponse<String> english = send("POST", "/api/session", "application/json; charset=foo", "{}", "en");
        assertEquals(415, english.statusCode(), english::body);
        assertEquals("application/problem+json", english.headers().firstValue("Content-Type").orElse(""));
        assertTrue(english.body().contains("\"status\":415") && english.body().contains("charset \\\"foo\\\""),
                english::body);
        assertFalse(english.body().contains("Exception") || english.body().contains("<"), english::body);
        List<AuditEntry> last = audit.find(AuditLog.Query.all(), 0, 1);
        assertEquals(entries + 1, audit.count(AuditLog.Query.all()), "the refused write is in the audit log");
        assertEquals("POST /api/session", last.get(0).action());
        assertEquals("415", last.get(0).outcome());

        HttpResponse<String> japanese = send("POST", "/api/session", "application/json; charset=foo", "{}", "ja");
        assertEquals(415, japanese.statusCode(), japanese::body);
        assertTrue(japanese.body().contains("この形式は受け付けません") && japanese.body().contains("文字コード"),
                japanese::body);
    }

    @Test
    void aMalformedCharsetIsRefused415AndAMalformedTypeWithoutOneNeverFailsTheServer() {
        StringBuilder answers = new StringBuilder();
        for (String type : List.of("text/csv; charset=\"utf-8", "text/csv; charset=\"", "text/csv;;;", "foo",
                "application/json;;;")) {
            HttpResponse<String> answer = send("POST", "/api/charsets/echo", type, "a\n1\n", "en");
            answers.append(type).append(" -> ").append(answer.statusCode()).append(' ')
                    .append(answer.headers().firstValue("Content-Type").orElse("")).append(' ')
                    .append(answer.body().contains("Exception") || answer.body().contains("<") ? "exposed" : "plain")
                    .append('\n');
        }
        // A type that is no media type at all is taken as one with any subtype (CXF's reading), as before.
        assertEquals("""
                text/csv; charset="utf-8 -> 415 application/problem+json plain
                text/csv; charset=" -> 415 application/problem+json plain
                text/csv;;; -> 200 application/json plain
                foo -> 200 application/json plain
                application/json;;; -> 415 application/problem+json plain
                """, answers.toString());
    }

    @Test
    void aCharsetTheServerReadsReachesTheResourceAndOneOnACallWithoutABodyIsIgnored() {
        Charset sjis = Charset.forName("Shift_JIS");
        for (String type : List.of("text/csv; charset=Shift_JIS", "text/csv;charset=\"cp932\"",
                "text/csv; Charset=windows-31j", "text/csv; charset=UTF-8")) {
            HttpResponse<String> answer = send("POST", "/api/charsets/echo", type,
                    type.contains("UTF-8") ? "学校\n1\n" : new String("学校\n1\n".getBytes(sjis), sjis), "en");
            assertEquals(200, answer.statusCode(), () -> type + ": " + answer.body());
            assertTrue(answer.body().contains("学校"), () -> type + ": " + answer.body());
        }
        HttpResponse<String> read = send("GET", "/api/charsets/echo", "application/json; charset=foo", null, "en");
        assertEquals(200, read.statusCode(), read::body);
    }

    /** Sends the body in the charset its Content-Type names (UTF-8 if it names none the JDK knows). */
    private HttpResponse<String> send(String method, String path, String type, String body, String language) {
        Charset charset;
        try {
            charset = Charset.forName(CsvTable.charsetOf(type));
        } catch (RuntimeException e) {
            charset = java.nio.charset.StandardCharsets.UTF_8;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", type).header("Accept-Language", language)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.getBytes(charset)));
        return InFramework.send(request);
    }
}
