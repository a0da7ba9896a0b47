package io.qlikbroker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Bearer tokens as the app's identity provider (OidcWiremockTestResource) would issue them: signed with its key,
 * its issuer, and the audience the broker expects in tests.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://service.example.com";

    /** The provider's key pair (OidcWiremockTestResource's privateKey.jwk), read once rather than per token. */
    private static final RsaJsonWebKey PROVIDER_KEY = (RsaJsonWebKey) jwk("privateKey.jwk");

    private TestTokens() {
    }

    private static final java.util.concurrent.atomic.AtomicLong SUBJECTS = new java.util.concurrent.atomic.AtomicLong();

    /** {@code prefix} made unique in this test run, e.g. {@code alice-7-1732761234567}. */
    public static String uniqueSubject(String prefix) {
        return prefix + "-" + SUBJECTS.incrementAndGet() + "-" + System.nanoTime();
    }

    /** A valid access token whose subject is {@code subject}. */
    public static String bearer(String subject) {
        return claims(subject).sign();
    }

    /** A valid access token with the given claims and no subject unless the claims hold one. */
    public static String bearerWith(Map<String, Object> claims) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).audience(AUDIENCE).expiresIn(300);
        claims.forEach(builder::claim);
        return sign(builder);
    }

    /** Claims of a valid token, for tests that alter one of them before signing with {@link #sign}. */
    public static JwtClaimsBuilder claims(String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(300);
    }

    public static String sign(JwtClaimsBuilder builder) {
        return builder.jws().keyId("1").sign(PROVIDER_KEY.getPrivateKey());
    }

    /**
     * Signs an arbitrary JSON payload with the provider's key, for claims the JWT builder refuses to produce (an
     * array-valued {@code sub}, say) but a provider could still issue.
     */
    public static String signPayload(String payloadJson) {
        return signWith(payloadJson, PROVIDER_KEY.getPrivateKey(), AlgorithmIdentifiers.RSA_USING_SHA256, "1");
    }

    /** Signs with any key and algorithm, for forgeries: {@code alg: none}, HS256 keyed with the public key, ... */
    public static String signWith(String payloadJson, java.security.Key key, String algorithm, String keyId) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payloadJson);
            jws.setAlgorithmHeaderValue(algorithm);
            if (keyId != null) {
                jws.setKeyIdHeaderValue(keyId);
            }
            if (AlgorithmIdentifiers.NONE.equals(algorithm)) {
                jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
            } else {
                jws.setKey(key);
                jws.setDoKeyValidation(false);
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's public key as published in its JWKS. */
    public static java.security.PublicKey providerPublicKey() {
        return ((RsaJsonWebKey) jwk("publicKey.jwk")).getPublicKey();
    }

    private static JsonWebKey jwk(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            return JsonWebKey.Factory.newJwk(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The standard claims of a valid token, as JSON members to splice into {@link #signPayload}. */
    public static String validClaimsJson() {
        long now = System.currentTimeMillis() / 1000;
        return "\"iss\": \"" + ISSUER + "\", \"aud\": \"" + AUDIENCE + "\", \"iat\": " + now + ", \"exp\": " + (now + 300);
    }
}
