package org.gigaplan.environment.internal.lrs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.activation.DataHandler;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.ParseException;
import javax.mail.util.ByteArrayDataSource;

import org.gigaplan.environment.internal.Digests;
import org.gigaplan.environment.internal.store.LrsStore.Attachment;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * xAPI's {@code multipart/mixed} (Communication 1.5.2): Statements with the attachments they carry, posted and
 * answered. The first part is the Statements as {@code application/json}; each further part one attachment's bytes,
 * {@code Content-Transfer-Encoding: binary}, named by its SHA-2 in {@code X-Experience-API-Hash}. JavaMail reads and
 * writes the MIME; the rules of what the parts must be are here.
 */
public final class XapiMultipart {

    public static final String MIXED = "multipart/mixed";
    public static final String HASH_HEADER = "X-Experience-API-Hash";

    /** What a multipart request carried: the Statements (parsed JSON) and the attachments by their SHA-2. */
    public record Posted(Object statements, Map<String, Attachment> parts) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private XapiMultipart() {
    }

    /**
     * Reads a {@code multipart/mixed} request: refused (400, the part and what is wrong) when it has no boundary, its
     * first part is not the Statements as JSON, or another part is not binary with the SHA-2 of its bytes.
     */
    public static Posted read(String contentType, byte[] body) {
        FieldChecks check = new FieldChecks();
        ContentType type;
        try {
            type = new ContentType(contentType);
        } catch (ParseException e) {
            throw new InvalidInputException("Content-Type", "multipart/mixed; boundary=…, was " + contentType);
        }
        if (type.getParameter("boundary") == null || type.getParameter("boundary").isBlank()) {
            throw new InvalidInputException("Content-Type", "multipart/mixed needs its boundary: multipart/mixed; "
                    + "boundary=…");
        }
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentType));
            if (multipart.getCount() == 0) {
                throw new InvalidInputException("body", "no parts between the boundaries (" + type.getParameter(
                        "boundary") + ")");
            }
            BodyPart first = multipart.getBodyPart(0);
            if (!isJson(first.getContentType())) {
                throw new InvalidInputException("part 1", "the first part holds the Statements: Content-Type "
                        + "application/json, was " + first.getContentType());
            }
            Object statements;
            try (InputStream in = first.getInputStream()) {
                statements = JSON.readValue(in, Object.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidInputException("part 1", "the Statements as JSON: " + e.getOriginalMessage());
            }
            Map<String, Attachment> parts = new LinkedHashMap<>();
            for (int i = 1; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String at = "part " + (i + 1);
                String[] encoding = part.getHeader("Content-Transfer-Encoding");
                if (encoding == null || !"binary".equalsIgnoreCase(encoding[0].trim())) {
                    check.add(at, "an attachment's part has Content-Transfer-Encoding: binary");
                }
                String[] hash = part.getHeader(HASH_HEADER);
                if (hash == null || hash[0].isBlank()) {
                    check.add(at, "an attachment's part has " + HASH_HEADER + ": the SHA-2 its Statement gives");
                    continue;
                }
                String sha2 = hash[0].trim().toLowerCase(Locale.ROOT);
                byte[] content;
                try (InputStream in = part.getInputStream()) {
                    content = in.readAllBytes();
                }
                String actual = sha2(sha2.length(), content);
                if (actual == null) {
                    check.add(at, HASH_HEADER + " is a SHA-256, SHA-384 or SHA-512 in hexadecimal, was " + sha2);
                } else if (!actual.equals(sha2)) {
                    check.add(at, "the part's bytes have the SHA-2 " + actual + ", not " + sha2);
                } else {
                    parts.put(sha2, new Attachment(sha2, part.getContentType(), content));
                }
            }
            check.throwIfAny();
            return new Posted(statements, parts);
        } catch (MessagingException | IOException e) {
            throw new InvalidInputException("body", "not multipart/mixed as its Content-Type says: " + e.getMessage());
        }
    }

    /** The SHA-2 of bytes as hexadecimal, of the length a given hash has (64, 96 or 128 digits); null for others. */
    public static String sha2(int hexDigits, byte[] content) {
        String algorithm = switch (hexDigits) {
            case 64 -> "SHA-256";
            case 96 -> "SHA-384";
            case 128 -> "SHA-512";
            default -> null;
        };
        return algorithm == null ? null : Digests.hex(algorithm, content);
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /**
     * Writes a {@code multipart/mixed} answer: the JSON first, then each attachment once; returns its Content-Type
     * (with the boundary it used).
     */
    public static String write(Object json, Collection<Attachment> attachments, java.io.OutputStream out) {
        try {
            // A boundary of token characters, so the header needs no quotes (JavaMail's own has "=" in it).
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            String type = MIXED + "; boundary=gigaplan-" + java.util.HexFormat.of().formatHex(random);
            MimeMultipart multipart = new MimeMultipart() {
                {
                    contentType = type;
                }
            };
            multipart.addBodyPart(part(JSON.writeValueAsBytes(json), "application/json", null));
            for (Attachment a : attachments) {
                multipart.addBodyPart(part(a.content(), a.contentType(), a.sha2()));
            }
            multipart.writeTo(out);
            return type;
        } catch (MessagingException e) {
            throw new IllegalStateException("writing multipart/mixed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MimeBodyPart part(byte[] content, String contentType, String sha2) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
        part.setHeader("Content-Type", contentType);
        part.setHeader("Content-Transfer-Encoding", "binary");
        if (sha2 != null) {
            part.setHeader(HASH_HEADER, sha2);
        }
        return part;
    }
}
