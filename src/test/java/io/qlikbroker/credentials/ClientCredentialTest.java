package io.qlikbroker.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qlikbroker.testing.ManualClock;
import io.qlikbroker.testing.TestKeys;

/** The credential on its own: what an assertion holds, which keys are accepted, and what start-up refuses. */
class ClientCredentialTest {

    private static final String ENDPOINT = "https://acme.eu.qlikcloud.com/oauth/token";
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-30T12:00:00Z"));

    @TempDir
    Path folder;

    @Test
    void anRsaKeySignsRs256AssertionsAsQlikExpectsThem() throws Exception {
        KeyPair key = TestKeys.client();
        ClientCredential credential = keyed(write("key.pem", key), Optional.empty());
        ClientProof proof = credential.proof();
        assertNull(proof.clientSecret());
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", proof.assertionType());

        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(proof.assertion());
        jws.setKey(key.getPublic());
        assertTrue(jws.verifySignature());
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        assertEquals(PublicJsonWebKey.Factory.newPublicJwk(key.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256"),
                jws.getKeyIdHeaderValue(), "kid: the RFC 7638 thumbprint when no key-id is set");
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals("client", claims.getIssuer());
        assertEquals("client", claims.getSubject());
        assertEquals(java.util.List.of(ENDPOINT), claims.getAudience());
        assertEquals(clock.instant().getEpochSecond(), claims.getIssuedAt().getValue());
        assertEquals(60, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertFalse(claims.getJwtId().equals(JwtClaims.parse(
                ((JsonWebSignature) JsonWebSignature.fromCompactSerialization(credential.proof().assertion()))
                        .getUnverifiedPayload())
                .getJwtId()), "a new jti for every request");
    }

    @Test
    void anEcP384KeySignsEs384UnderTheConfiguredKeyId() throws Exception {
        KeyPair key = generateEc("secp384r1");
        ClientCredential credential = keyed(write("key.pem", key), Optional.of("registered-kid"));
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(credential.proof().assertion());
        jws.setKey(key.getPublic());
        assertTrue(jws.verifySignature());
        assertEquals("ES384", jws.getAlgorithmHeaderValue());
        assertEquals("registered-kid", jws.getKeyIdHeaderValue());
        assertEquals("P-384", credential.publicKeys().get(0).get("crv"));
    }

    @Test
    void keysQlikWouldRefuseAreRefusedAtStartNamingTheProperty() throws Exception {
        assertRefused("qlik.private-key-file holds an RSA key under 2048 bits", () -> keyed(write("k", TestKeys.weak()),
                Optional.empty()));
        assertRefused("qlik.private-key-file holds an EC key that is not P-384",
                () -> keyed(write("k", generateEc("secp256r1")), Optional.empty()));
        assertRefused("qlik.private-key-file holds no PEM private key",
                () -> keyed(Files.writeString(folder.resolve("g"), "garbage"), Optional.empty()));
        assertRefused("qlik.private-key-file cannot be read", () -> keyed(folder.resolve("missing.pem"), Optional.empty()));
    }

    @Test
    void aSecretBesideAKeyOrNoCredentialAtAllIsRefused() throws Exception {
        Path key = write("key.pem", TestKeys.client());
        assertRefused("qlik.client-secret and qlik.client-secret-file must not be set with qlik.client-auth=private-key-jwt",
                () -> ClientCredential.of("qlik.", new ClientCredential.Settings("client", "private-key-jwt",
                        Optional.of("s3cret"), Optional.empty(), Optional.of(key.toString()), Optional.empty()), ENDPOINT,
                        clock));
        assertRefused("exactly one of qlik.client-secret and qlik.client-secret-file must be set",
                () -> ClientCredential.of("qlik.", new ClientCredential.Settings("client", "client-secret",
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), ENDPOINT, clock));
        assertRefused("qlik.client-auth must be client-secret or private-key-jwt",
                () -> ClientCredential.of("qlik.", new ClientCredential.Settings("client", "mtls",
                        Optional.of("s"), Optional.empty(), Optional.empty(), Optional.empty()), ENDPOINT, clock));
    }

    @Test
    void messagesNeverQuoteTheFile() throws Exception {
        Path file = Files.writeString(folder.resolve("k"),
                "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----");
        CredentialException refused = assertThrows(CredentialException.class, () -> keyed(file, Optional.empty()));
        assertFalse(refused.getMessage().contains("c2VjcmV0"), refused.getMessage());
    }

    private ClientCredential keyed(Path file, Optional<String> keyId) {
        return ClientCredential.of("qlik.", new ClientCredential.Settings("client", "private-key-jwt", Optional.empty(),
                Optional.empty(), Optional.of(file.toString()), keyId), ENDPOINT, clock);
    }

    private Path write(String name, KeyPair key) throws IOException {
        return Files.writeString(folder.resolve(name), TestKeys.pem(key), StandardCharsets.US_ASCII);
    }

    private static KeyPair generateEc(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static void assertRefused(String start, org.junit.jupiter.api.function.Executable build) {
        CredentialException refused = assertThrows(CredentialException.class, build);
        assertTrue(refused.getMessage().startsWith(start), refused.getMessage());
    }
}
