package org.gigaplan.environment.internal.lrs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a whole Statement is kept, by the deployment's choice ({@code xapiIdentities}):
 * <ul>
 * <li>{@link Mode#PSEUDONYM} (the default): the learner's identifier never reaches the database; the Statement is kept
 * with its actor replaced by the pseudonym, and comes back so to everyone. Conformance suites that compare the actor
 * they posted with the one they read see a difference.</li>
 * <li>{@link Mode#ENCRYPTED}: the Statement is kept whole, encrypted at rest (AES-256-GCM with a key derived from the
 * installation's secret), returned as posted to the school's agent and the board, with the actor pseudonymised to
 * the school's staff. Every view and figure still counts pseudonyms.</li>
 * </ul>
 */
public final class StatementBodies {

    /** The deployment's choice. */
    public enum Mode {
        PSEUDONYM, ENCRYPTED;

        /** {@code pseudonym} or {@code encrypted}, as configured. */
        public static Mode of(String setting) {
            try {
                return valueOf(setting == null ? "PSEUDONYM" : setting.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("xapiIdentities = \"" + setting + "\": pseudonym or encrypted", e);
            }
        }
    }

    private static final String SEALED = "enc1:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mode mode;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the installation's xAPI secret; the encryption key is derived from it
     */
    public StatementBodies(Mode mode, byte[] secret) {
        this.mode = mode;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("lrs-statement-body".getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Mode mode() {
        return mode;
    }

    /**
     * The text to keep of a Statement (its server-set properties already in it).
     *
     * @param pseudonymous the same Statement with the actor replaced by the pseudonym
     */
    public String seal(Map<String, Object> statement, UnaryOperator<Map<String, Object>> pseudonymous) {
        if (mode == Mode.PSEUDONYM) {
            return text(pseudonymous.apply(statement));
        }
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(text(statement).getBytes(StandardCharsets.UTF_8));
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A kept Statement read back: whole for a caller who may see learners' identifiers (in the encrypted mode), else
     * with the pseudonym as actor.
     */
    public Map<String, Object> open(String kept, boolean whole, UnaryOperator<Map<String, Object>> pseudonymous) {
        if (!kept.startsWith(SEALED)) {
            return parse(kept);
        }
        try {
            byte[] all = Base64.getDecoder().decode(kept.substring(SEALED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            Map<String, Object> statement = parse(new String(cipher.doFinal(all, 12, all.length - 12),
                    StandardCharsets.UTF_8));
            return whole ? statement : pseudonymous.apply(statement);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a kept Statement does not open with this installation's key", e);
        }
    }

    static String text(Map<String, Object> statement) {
        try {
            return JSON.writeValueAsString(statement);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) {
        try {
            return JSON.readValue(text, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
