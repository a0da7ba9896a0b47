package io.qlikbroker.testing;

import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a token request's client assertion as Qlik does (shared/qlik-api.md): client_assertion_type jwt-bearer, a
 * signature by a registered key (by kid), RS256 / RS512 / ES384, {@code aud} exactly the token endpoint,
 * {@code iss} = {@code sub} = the client id, {@code exp - iat} at most 300 s, and a {@code jti} never seen before.
 * Anything else is a refusal (the fake then answers 401 invalid_client). Keeps what it saw for the test.
 */
public final class ClientAssertionVerifier implements Predicate<JsonNode> {

    private final String clientId;
    private final String audience;
    private final List<JsonWebKey> registered = new CopyOnWriteArrayList<>();
    private final Set<String> seenJtis = ConcurrentHashMap.newKeySet();
    private final List<String> keyIds = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    public ClientAssertionVerifier(String clientId, String audience) {
        this.clientId = clientId;
        this.audience = audience;
    }

    /** Registers a public key at the "tenant", as an administrator adds a JWK to the OAuth client. */
    public void register(PublicKey key, String keyId) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(keyId);
            registered.add(jwk);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public void unregisterAll() {
        registered.clear();
    }

    @Override
    public boolean test(JsonNode body) {
        boolean ok = verify(body);
        if (!ok) {
            refused.incrementAndGet();
        }
        return ok;
    }

    private boolean verify(JsonNode body) {
        if (!clientId.equals(body.path("client_id").asText()) || body.has("client_secret")
                || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                        .equals(body.path("client_assertion_type").asText())) {
            return false;
        }
        try {
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(registered).getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA512,
                            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                    .setExpectedIssuer(clientId).setExpectedSubject(clientId).setExpectedAudience(audience)
                    .setRequireExpirationTime().setRequireIssuedAt().setRequireJwtId()
                    .build();
            JwtContext context = consumer.process(body.path("client_assertion").asText());
            JwtClaims claims = context.getJwtClaims();
            if (claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() > 300) {
                return false;
            }
            keyIds.add(context.getJoseObjects().get(0).getKeyIdHeaderValue());
            String assertion = body.path("client_assertion").asText();
            signatures.add(assertion.substring(assertion.lastIndexOf('.') + 1));
            return seenJtis.add(claims.getJwtId());
        } catch (Exception e) {
            return false;
        }
    }

    public int distinctJtis() {
        return seenJtis.size();
    }

    public int refusals() {
        return refused.get();
    }

    /** The signature part of every accepted assertion, to look for in logs. */
    public List<String> signatures() {
        return List.copyOf(signatures);
    }

    /** The kid of every accepted assertion, in order. */
    public List<String> keyIds() {
        return List.copyOf(keyIds);
    }
}
