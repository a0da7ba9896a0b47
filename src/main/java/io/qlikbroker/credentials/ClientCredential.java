package io.qlikbroker.credentials;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * How one OAuth client proves itself to a tenant's token endpoint: a client secret (inline, or from a file), or
 * private_key_jwt: an assertion signed with its private key for every request, so that nothing reusable crosses the
 * wire. Secret and key files are re-read when they change (at most once a second), so a rotation needs no restart:
 * requests in flight finish with the old credential, the next ones use the new.
 */
public final class ClientCredential {

    public static final String CLIENT_SECRET = "client-secret";
    public static final String PRIVATE_KEY_JWT = "private-key-jwt";
    /** Qlik allows at most 5 minutes; a minute leaves room for clock skew and is still short-lived. */
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final String clientId;
    private final String audience;
    private final Clock clock;
    private final String inlineSecret;
    private final ReloadingFile<String> secretFile;
    private final ReloadingFile<List<SigningKey>> keyFile;

    private ClientCredential(String clientId, String audience, Clock clock, String inlineSecret,
            ReloadingFile<String> secretFile, ReloadingFile<List<SigningKey>> keyFile) {
        this.clientId = clientId;
        this.audience = audience;
        this.clock = clock;
        this.inlineSecret = inlineSecret;
        this.secretFile = secretFile;
        this.keyFile = keyFile;
    }

    /**
     * The credential a client's settings describe; {@code prefix} names its properties (e.g. {@code qlik.} or
     * {@code qlik.provisioning.}) in every message. Files are read now: a missing, malformed or too weak one is a
     * {@link CredentialException}, as is a secret set beside a key.
     */
    public static ClientCredential of(String prefix, Settings settings, String tokenEndpoint, Clock clock) {
        if (PRIVATE_KEY_JWT.equals(settings.clientAuth())) {
            if (settings.clientSecret().isPresent() || settings.clientSecretFile().isPresent()) {
                throw new CredentialException(prefix + "client-secret and " + prefix + "client-secret-file must not be set "
                        + "with " + prefix + "client-auth=private-key-jwt");
            }
            String property = prefix + "private-key-file";
            Path file = Path.of(settings.privateKeyFile().orElseThrow(() -> new CredentialException(
                    property + " must be set when " + prefix + "client-auth is private-key-jwt")));
            String keyId = settings.keyId().orElse(null);
            return new ClientCredential(settings.clientId(), tokenEndpoint, clock, null, null,
                    new ReloadingFile<>(file, property, pem -> SigningKey.parseAll(pem, property, keyId), RELOAD_INTERVAL,
                            clock));
        }
        if (!CLIENT_SECRET.equals(settings.clientAuth())) {
            throw new CredentialException(prefix + "client-auth must be client-secret or private-key-jwt");
        }
        if (settings.privateKeyFile().isPresent()) {
            throw new CredentialException(prefix + "private-key-file is only read with " + prefix
                    + "client-auth=private-key-jwt; set one or the other");
        }
        if (settings.clientSecret().isPresent() == settings.clientSecretFile().isPresent()) {
            throw new CredentialException("exactly one of " + prefix + "client-secret and " + prefix
                    + "client-secret-file must be set");
        }
        if (settings.clientSecret().isPresent()) {
            if (settings.clientSecret().get().isBlank()) {
                throw new CredentialException(prefix + "client-secret must not be blank");
            }
            return new ClientCredential(settings.clientId(), tokenEndpoint, clock, settings.clientSecret().get(), null, null);
        }
        String property = prefix + "client-secret-file";
        return new ClientCredential(settings.clientId(), tokenEndpoint, clock, null, new ReloadingFile<>(
                Path.of(settings.clientSecretFile().get()), property, bytes -> secret(bytes, property), RELOAD_INTERVAL, clock),
                null);
    }

    /** What the next request sends: the current secret, or a new assertion signed with the current first key. */
    public ClientProof proof() {
        if (keyFile != null) {
            return new ClientProof(null, assertion(keyFile.value().get(0)), keyFile.version());
        }
        return secretFile != null ? new ClientProof(secretFile.value(), null, secretFile.version())
                : new ClientProof(inlineSecret, null, 1);
    }

    /** Changes whenever the file behind the credential changed; a proof of an older version may be refused. */
    public long version() {
        return file().map(ReloadingFile::version).orElse(1L);
    }

    /** Why the credential file's current contents are not in use (property named), for the tenant's wellness. */
    public Optional<String> problem() {
        return file().flatMap(ReloadingFile::problem);
    }

    /** The file behind the credential; none for a secret set inline. */
    private Optional<ReloadingFile<?>> file() {
        return Optional.ofNullable(keyFile != null ? keyFile : secretFile);
    }

    /** The public JWKs of every key in the key file, the signing one first; none for a secret. */
    public List<Map<String, Object>> publicKeys() {
        return keyFile == null ? List.of() : keyFile.value().stream().map(SigningKey::publicParameters).toList();
    }

    /** RFC 7523 client assertion: iss = sub = client id, aud = the token endpoint, a new jti, a minute to live. */
    private String assertion(SigningKey key) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(audience);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + ASSERTION_LIFETIME.toSeconds()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing a client assertion failed: " + e.getClass().getSimpleName());
        }
    }

    private static String secret(byte[] bytes, String property) {
        String secret = new String(bytes, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new CredentialException(property + " is empty");
        }
        return secret;
    }

    /** The client settings a credential is built from, whichever client's configuration they come from. */
    public record Settings(String clientId, String clientAuth, Optional<String> clientSecret,
            Optional<String> clientSecretFile, Optional<String> privateKeyFile, Optional<String> keyId) {

        @Override
        public String toString() {
            return "Settings[clientId=" + clientId + ", clientAuth=" + clientAuth + "]";
        }
    }

    @Override
    public String toString() {
        return "ClientCredential[clientId=" + clientId + ", " + (keyFile != null ? PRIVATE_KEY_JWT : CLIENT_SECRET) + "]";
    }
}
