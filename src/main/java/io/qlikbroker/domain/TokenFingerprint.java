package io.qlikbroker.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a token, in hex: all 64 characters as a key that stands for a bearer token without holding it, the
 * first 8 as the fingerprint in audit lines and on the example page (enough to correlate, useless to an attacker).
 */
public final class TokenFingerprint {

    private TokenFingerprint() {
    }

    /** The first 8 hex characters. */
    public static String of(String token) {
        return sha256Hex(token).substring(0, 8);
    }

    /** All 64 hex characters. Tokens are ASCII, so their UTF-8 bytes are the token's own. */
    public static String sha256Hex(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
