package io.qlikbroker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StoreCipherTest {

    private final StoreCipher cipher = new StoreCipher(key(1));

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aSealedValueOpensUnderItsOwnNameOnly() {
        String name = cipher.name("token", "[\"default\",\"alice\"]");
        String sealed = cipher.seal(name, "qat_secret-token");

        assertEquals(Optional.of("qat_secret-token"), cipher.open(name, sealed));
        assertFalse(sealed.contains("secret"), "nothing readable at rest");
        assertNotEquals(sealed, cipher.seal(name, "qat_secret-token"), "a fresh nonce for every value");
        assertEquals(Optional.empty(), cipher.open(cipher.name("token", "[\"default\",\"mallory\"]"), sealed),
                "a value copied under another user's key does not open");
    }

    @Test
    void aTamperedValueOrAnotherKeyReadsAsAbsent() {
        String name = cipher.name("user", "alice");
        String sealed = cipher.seal(name, "qlik-user-id");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;

        assertEquals(Optional.empty(), cipher.open(name, Base64.getEncoder().withoutPadding().encodeToString(bytes)));
        assertEquals(Optional.empty(), new StoreCipher(key(2)).open(name, sealed), "after a key rotation");
        assertEquals(Optional.empty(), cipher.open(name, "not base64 at all!"));
        assertEquals(Optional.empty(), cipher.open(name, ""));
    }

    @Test
    void namesHideTheKeyButAreStable() {
        String name = cipher.name("rate", "alice@example.com");
        assertEquals(name, cipher.name("rate", "alice@example.com"));
        assertTrue(name.startsWith("rate:"));
        assertFalse(name.contains("alice"));
        assertNotEquals(name, cipher.name("user", "alice@example.com"), "each space names its keys apart");
        assertNotEquals(name, new StoreCipher(key(2)).name("rate", "alice@example.com"));
    }
}
