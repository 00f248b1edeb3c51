package org.gigaplan.environment.internal.lrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.environment.internal.store.LrsStore.Attachment;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Statements with attachments in multipart/mixed, and signed Statements (xAPI Data 2.4.11, 2.6; Communication 1.5.2). */
class StatementAttachmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "-------314159265358979323846";
    private static final String TYPE = "multipart/mixed; boundary=" + BOUNDARY;
    private static final byte[] NOTE = "here is a simple attachment".getBytes(StandardCharsets.US_ASCII);

    static PrivateKey key;
    static Certificate certificate;

    /** A signer's key and self-signed certificate, made by the JDK's keytool. */
    @BeforeAll
    static void signer(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("signer.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=drill.example",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        key = (PrivateKey) ks.getKey("signer", "changeit".toCharArray());
        certificate = ks.getCertificate("signer");
        Files.deleteIfExists(store);
    }

    static Map<String, Object> statement() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", "6690e6c9-3ef0-4ed3-8b37-7f3964730bee");
        s.put("actor", Map.of("mbox", "mailto:mei@school.example"));
        s.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/completed"));
        s.put("object", Map.of("id", "https://drill.example/fractions/1"));
        return s;
    }

    static Map<String, Object> attachment(String usageType, String contentType, byte[] content) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("usageType", usageType);
        a.put("display", Map.of("ja-JP", "添付"));
        a.put("contentType", contentType);
        a.put("length", content.length);
        a.put("sha2", XapiMultipart.sha2(64, content));
        return a;
    }

    /** A JWS (compact) of a payload, RS256 unless told, with the signer's certificate in x5c when asked. */
    static String jws(Object payload, String alg, boolean x5c) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        if (x5c) {
            header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
        }
        String signing = url.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + url.encodeToString(JSON.writeValueAsBytes(payload));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signing.getBytes(StandardCharsets.US_ASCII));
        return signing + "." + url.encodeToString(rsa.sign());
    }

    /** A multipart/mixed body: the JSON, then each part (content type, bytes) with its SHA-256 as its hash. */
    static byte[] multipart(Object json, String firstType, List<Object[]> parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + BOUNDARY + "\r\nContent-Type: " + firstType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(JSON.writeValueAsBytes(json));
        for (Object[] p : parts) {
            byte[] bytes = (byte[]) p[1];
            out.write(("\r\n--" + BOUNDARY + "\r\nContent-Type: " + p[0] + "\r\n" + (p.length > 2 ? p[2]
                    : "Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + XapiMultipart.sha2(64, bytes)
                            + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
        }
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The parts each Statement keeps, or the first error. */
    static List<Attachment> check(Map<String, Object> s, Map<String, Attachment> parts) {
        FieldChecks check = new FieldChecks();
        Set<String> used = new HashSet<>();
        List<Attachment> kept = StatementAttachments.of(s, "", parts, used, check);
        check.throwIfAny();
        return kept;
    }

    @Test
    void aStatementAndItsAttachmentAreReadFromMultipartMixed() throws IOException {
        Map<String, Object> s = statement();
        s.put("attachments", List.of(attachment("http://example.com/usage/note", "text/plain", NOTE)));
        XapiMultipart.Posted posted = XapiMultipart.read(TYPE, multipart(s, "application/json",
                List.<Object[]>of(new Object[] { "text/plain", NOTE })));
        assertEquals(s, posted.statements());
        Attachment part = posted.parts().get(XapiMultipart.sha2(64, NOTE));
        assertArrayEquals(NOTE, part.content());
        assertEquals(List.of(part), check(s, posted.parts()));
    }

    @Test
    void malformedMultipartIsRefusedNamingThePart() throws IOException {
        Map<String, Object> s = statement();
        byte[] good = multipart(s, "application/json", List.<Object[]>of(new Object[] { "text/plain", NOTE }));
        assertRefused("Content-Type", () -> XapiMultipart.read("multipart/mixed;", good));
        assertRefused("part 1", () -> XapiMultipart.read(TYPE, multipart(s, "text/plain", List.of())));
        assertRefused("part 2", () -> XapiMultipart.read(TYPE, multipart(s, "application/json",
                List.<Object[]>of(new Object[] { "text/plain", NOTE, "X-Experience-API-Hash: "
                        + XapiMultipart.sha2(64, NOTE) + "\r\n" }))), "no Content-Transfer-Encoding: binary");
        assertRefused("part 2", () -> XapiMultipart.read(TYPE, multipart(s, "application/json",
                List.<Object[]>of(new Object[] { "text/plain", NOTE, "Content-Transfer-Encoding: binary\r\n" }))),
                "no hash");
        assertRefused("part 2", () -> XapiMultipart.read(TYPE, multipart(s, "application/json",
                List.<Object[]>of(new Object[] { "text/plain", NOTE, "Content-Transfer-Encoding: binary\r\n"
                        + "X-Experience-API-Hash: " + XapiMultipart.sha2(64, "other".getBytes()) + "\r\n" }))),
                "bytes not matching their hash");
    }

    @Test
    void anAttachmentWithoutFileUrlNeedsItsPart() {
        Map<String, Object> s = statement();
        s.put("attachments", List.of(attachment("http://example.com/usage/note", "text/plain", NOTE)));
        assertRefused("attachments[0].sha2", () -> check(s, Map.of()));
        Map<String, Object> linked = new LinkedHashMap<>(attachment("http://example.com/usage/note", "text/plain",
                NOTE));
        linked.put("fileUrl", "https://drill.example/notes/1.txt");
        s.put("attachments", List.of(linked));
        assertEquals(List.of(), check(s, Map.of()), "one at a fileUrl needs no part");
    }

    @Test
    void aSignedStatementIsVerifiedAgainstItsPayloadAndCertificate() throws Exception {
        for (boolean x5c : List.of(false, true)) {
            Map<String, Object> s = statement();
            byte[] signature = jws(statement(), "RS256", x5c).getBytes(StandardCharsets.US_ASCII);
            s.put("attachments", List.of(attachment(StatementAttachments.SIGNATURE, "application/octet-stream",
                    signature)));
            assertEquals(1, check(s, parts(signature)).size(), "x5c " + x5c);
        }
    }

    @Test
    void aSignatureComparesDurationsToTheHundredthOfASecond() throws Exception {
        Map<String, Object> signed = statement();
        signed.put("result", Map.of("duration", "PT1M0.12S"));
        byte[] signature = jws(signed, "RS256", true).getBytes(StandardCharsets.US_ASCII);
        Map<String, Object> s = statement();
        s.put("result", Map.of("duration", "PT1M0.1237S"));
        s.put("attachments", List.of(attachment(StatementAttachments.SIGNATURE, "application/octet-stream",
                signature)));
        assertEquals(1, check(s, parts(signature)).size());
        s.put("result", Map.of("duration", "PT1M0.13S"));
        assertRefused("attachments[0]", () -> check(s, parts(signature)), "another hundredth");
    }

    @Test
    void aSignatureThatDoesNotHoldIsRefused() throws Exception {
        Map<String, Object> other = statement();
        other.put("object", Map.of("id", "https://drill.example/fractions/2"));
        List<String> bad = new ArrayList<>();
        bad.add(jws(other, "RS256", false)); // another Statement signed
        bad.add(jws(statement(), "HS256", false)); // an algorithm xAPI does not take
        bad.add("not-a-jws");
        String good = jws(statement(), "RS256", true);
        bad.add(good.substring(0, good.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[256])); // x5c's key does not verify it
        for (String jws : bad) {
            Map<String, Object> s = statement();
            byte[] signature = jws.getBytes(StandardCharsets.US_ASCII);
            s.put("attachments", List.of(attachment(StatementAttachments.SIGNATURE, "application/octet-stream",
                    signature)));
            assertRefused("attachments[0]", () -> check(s, parts(signature)), jws);
        }
        byte[] signature = good.getBytes(StandardCharsets.US_ASCII);
        Map<String, Object> s = statement();
        s.put("attachments", List.of(attachment(StatementAttachments.SIGNATURE, "text/plain", signature)));
        assertRefused("attachments[0].contentType", () -> check(s, parts(signature)));
    }

    @Test
    void anAnswerWithAttachmentsIsMultipartMixedWithTheJsonFirst() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Attachment note = new Attachment(XapiMultipart.sha2(64, NOTE), "text/plain", NOTE);
        String type = XapiMultipart.write(Map.of("statements", List.of(statement()), "more", ""), List.of(note), out);
        assertTrue(type.startsWith("multipart/mixed; boundary="), type);
        XapiMultipart.Posted back = XapiMultipart.read(type, out.toByteArray());
        assertEquals(List.of(statement()), ((Map<?, ?>) back.statements()).get("statements"));
        assertArrayEquals(NOTE, back.parts().get(note.sha2()).content());
    }

    private static Map<String, Attachment> parts(byte[] signature) {
        String sha2 = XapiMultipart.sha2(64, signature);
        return Map.of(sha2, new Attachment(sha2, "application/octet-stream", signature));
    }

    static void assertRefused(String field, org.junit.jupiter.api.function.Executable call) {
        assertRefused(field, call, field);
    }

    static void assertRefused(String field, org.junit.jupiter.api.function.Executable call, String why) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call, why);
        assertTrue(e.errors().stream().anyMatch(x -> x.field().equals(field)), why + ": " + e.errors());
    }
}
