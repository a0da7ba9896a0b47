package io.qlikbroker.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What makes Redis hold nothing readable: values are sealed with AES-256-GCM under {@code broker.store.encryption-key}
 * (a fresh 96-bit nonce each, the key's Redis name as associated data, so a value moved to another key does not
 * open), and key names are an HMAC of the broker's own key, so neither a user nor a tenant can be read from them.
 * Both keys derive from the one configured key; a value sealed under another key reads as absent.
 */
public final class StoreCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder NAME = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec sealing;
    private final SecretKeySpec naming;
    private final SecureRandom random = new SecureRandom();

    /** {@code key}: the 32 bytes of {@code broker.store.encryption-key}. */
    public StoreCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.sealing = new SecretKeySpec(derive(key, "qlik-token-broker values"), "AES");
        this.naming = new SecretKeySpec(derive(key, "qlik-token-broker names"), "HmacSHA256");
    }

    /** The key of {@code key} in {@code space}, without either in clear. */
    public String name(String space, String key) {
        return space + ":" + NAME.encodeToString(hmac(naming, space + "\u0000" + key));
    }

    public String seal(String name, String value) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }

    /** The value, or empty when it was not sealed under this key for this name (tampered, moved, rotated). */
    public Optional<String> open(String name, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException unreadable) {
            return Optional.empty();
        }
    }

    private static byte[] derive(byte[] key, String purpose) {
        return hmac(new SecretKeySpec(key, "HmacSHA256"), purpose);
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
