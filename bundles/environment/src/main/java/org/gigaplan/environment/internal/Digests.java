package org.gigaplan.environment.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-2 digests as lower-case hexadecimal: of keys and secrets kept in place of what they name, and of bytes. */
public final class Digests {

    private Digests() {
    }

    /** The SHA-256 of a text (UTF-8). */
    public static String sha256(String text) {
        return hex("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of bytes by an algorithm every Java runtime has (SHA-256, SHA-384, SHA-512). */
    public static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
