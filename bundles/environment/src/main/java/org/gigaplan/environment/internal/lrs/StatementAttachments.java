package org.gigaplan.environment.internal.lrs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gigaplan.environment.internal.store.LrsStore.Attachment;
import org.gigaplan.plan.rest.FieldChecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A posted Statement's attachments against the parts of the request that carry them (xAPI Data 2.4.11 and 2.6): each
 * attachment without a {@code fileUrl} has its part; a signature (usageType {@value #SIGNATURE}) is a JWS of the
 * Statement as it was before the signature was added, {@code application/octet-stream}, signed with RS256, RS384 or
 * RS512 — and, when its header carries the signer's certificate ({@code x5c}), verified with it.
 */
public final class StatementAttachments {

    public static final String SIGNATURE = "http://adlnet.gov/expapi/attachments/signature";

    private static final Map<String, String> ALGORITHMS = Map.of("RS256", "SHA256withRSA", "RS384", "SHA384withRSA",
            "RS512", "SHA512withRSA");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatementAttachments() {
    }

    /**
     * The parts a Statement (checked already) keeps: one per attachment carried in the request; refused (into
     * {@code check}, at the attachment) when one without {@code fileUrl} has none, or a signature does not hold.
     *
     * @param used the hashes of the parts a Statement named, added to
     */
    public static List<Attachment> of(Object statement, String at, Map<String, Attachment> parts,
            Set<String> used, FieldChecks check) {
        String p = at.isEmpty() ? "" : at + ".";
        List<Attachment> kept = new ArrayList<>();
        if (!(statement instanceof Map<?, ?> s) || !(s.get("attachments") instanceof List<?> attachments)) {
            return kept;
        }
        for (int i = 0; i < attachments.size(); i++) {
            Map<?, ?> a = (Map<?, ?>) attachments.get(i);
            String field = p + "attachments[" + i + "]";
            String sha2 = String.valueOf(a.get("sha2")).toLowerCase(Locale.ROOT);
            Attachment part = parts.get(sha2);
            boolean signature = SIGNATURE.equals(a.get("usageType"));
            if (part == null) {
                if (a.get("fileUrl") == null || signature) {
                    check.add(field + ".sha2", "no part of the request carries this attachment: post the Statement as "
                            + "multipart/mixed with a part whose " + XapiMultipart.HASH_HEADER + " is " + sha2);
                }
                continue;
            }
            used.add(sha2);
            if (signature) {
                if (!"application/octet-stream".equalsIgnoreCase(String.valueOf(a.get("contentType")).trim())) {
                    check.add(field + ".contentType", "a signature is application/octet-stream, was "
                            + a.get("contentType"));
                } else {
                    verify(new String(part.content(), StandardCharsets.US_ASCII).trim(), s, i, field, check);
                }
            }
            if (kept.stream().noneMatch(k -> k.sha2().equals(sha2))) {
                kept.add(part);
            }
        }
        return kept;
    }

    /** A JWS (compact) signing the Statement as it was without the signature attachment {@code index}. */
    private static void verify(String jws, Map<?, ?> statement, int index, String field, FieldChecks check) {
        String[] pieces = jws.split("\\.", -1);
        if (pieces.length != 3) {
            check.add(field, "a signature is a JWS in its compact form (header.payload.signature)");
            return;
        }
        JsonNode header;
        JsonNode payload;
        byte[] signed;
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            header = JSON.readTree(url.decode(pieces[0]));
            payload = JSON.readTree(url.decode(pieces[1]));
            signed = url.decode(pieces[2]);
        } catch (IllegalArgumentException | IOException e) {
            check.add(field, "the signature's header and payload are base64url JSON: " + e.getMessage());
            return;
        }
        String alg = header.path("alg").asText("");
        if (!ALGORITHMS.containsKey(alg)) {
            check.add(field, "a signature's algorithm is RS256, RS384 or RS512, was " + (alg.isEmpty() ? "none" : alg));
            return;
        }
        if (!payload.isObject()) {
            check.add(field, "the signature's payload is the Statement as a JSON object");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> signedStatement = JSON.convertValue(payload, Map.class);
        if (!JSON.valueToTree(StatementIntake.comparable(signedStatement))
                .equals(JSON.valueToTree(StatementIntake.comparable(unsigned(statement, index))))) {
            check.add(field, "the signature's payload is not this Statement (without its signature)");
            return;
        }
        JsonNode certificates = header.path("x5c");
        if (certificates.isArray() && !certificates.isEmpty()) {
            try {
                X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(certificates.get(0).asText())));
                Signature rsa = Signature.getInstance(ALGORITHMS.get(alg));
                rsa.initVerify(signer.getPublicKey());
                rsa.update((pieces[0] + "." + pieces[1]).getBytes(StandardCharsets.US_ASCII));
                if (!rsa.verify(signed)) {
                    check.add(field, "the signature does not verify with the certificate in its x5c header");
                }
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                check.add(field, "the signature's x5c certificate cannot verify it: " + e.getMessage());
            }
        }
    }

    /** The Statement as signed: without the signature attachment, and without attachments if that was the only one. */
    private static Map<String, Object> unsigned(Map<?, ?> statement, int index) {
        Map<String, Object> copy = new LinkedHashMap<>();
        statement.forEach((k, v) -> copy.put(String.valueOf(k), v));
        List<Object> rest = new ArrayList<>((List<?>) statement.get("attachments"));
        rest.remove(index);
        if (rest.isEmpty()) {
            copy.remove("attachments");
        } else {
            copy.put("attachments", rest);
        }
        return copy;
    }
}
