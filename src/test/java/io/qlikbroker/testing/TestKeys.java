package io.qlikbroker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RSA keys of the tests, read from {@code src/test/resources/test-keys} (made with {@code openssl genpkey}; public
 * in this repository, for tests only). Fixed rather than generated: the test JVMs run C1 alone, without the
 * BigInteger intrinsics, where generating one 2048-bit key took 0.2 to 1 s.
 */
public final class TestKeys {

    private static final Map<String, KeyPair> LOADED = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** The key a client authenticates with (private_key_jwt), and the tenant knows. */
    public static KeyPair client() {
        return load("client");
    }

    /** The key a client rotates to: not {@link #client()}. */
    public static KeyPair nextClient() {
        return load("client-next");
    }

    /** A key the identity provider never published: what a forger signs bearer tokens with. */
    public static KeyPair forger() {
        return load("forger");
    }

    /** A 1024-bit key: too short for Qlik. */
    public static KeyPair weak() {
        return load("weak-1024");
    }

    /** The private keys as a key file holds them: PKCS#8 PEM blocks, one after another. */
    public static String pem(KeyPair... keys) {
        StringBuilder pem = new StringBuilder();
        for (KeyPair key : keys) {
            pem.append("-----BEGIN PRIVATE KEY-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getPrivate().getEncoded()))
                    .append("\n-----END PRIVATE KEY-----\n");
        }
        return pem.toString();
    }

    private static KeyPair load(String name) {
        return LOADED.computeIfAbsent(name, TestKeys::read);
    }

    private static KeyPair read(String name) {
        try (InputStream in = TestKeys.class.getClassLoader().getResourceAsStream("test-keys/" + name + ".pem")) {
            // Decoded here rather than by the broker's own SigningKey, which ClientCredentialTest tests with these keys.
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
