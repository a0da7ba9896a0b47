package io.qlikbroker.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.cache.ExpireAt;
import io.qlikbroker.config.BrokerConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs ahead of quarkus-oidc's own provider for bearer tokens and remembers the identity of each token that passed
 * its full verification, keyed by the token's SHA-256, until the token's own {@code exp} at the latest. A page that
 * asks for its Qlik token again presents the same bearer token, and verifying its RSA signature again is most of
 * the cost of such a request.
 *
 * <p>What is reused is exactly what quarkus-oidc concluded for exactly these bytes: any other token, tampered by one
 * bit, is a different key and goes through full verification. Code-flow sessions are left to quarkus-oidc.
 */
@ApplicationScoped
public class VerifiedBearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final OidcIdentityProvider oidc;
    private final Clock clock;
    private final boolean enabled;
    private final Cache<String, SecurityIdentity> verified;

    VerifiedBearerIdentityProvider(OidcIdentityProvider oidc, Clock clock, BrokerConfig config) {
        this.oidc = oidc;
        this.clock = clock;
        this.enabled = config.bearerCache().enabled();
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.bearerCache().maxEntries())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Forgotten when the token expires.
                .expireAfter(new ExpireAt<String, SecurityIdentity>(clock, Duration.ZERO,
                        identity -> Instant.ofEpochSecond(((JsonWebToken) identity.getPrincipal()).getExpirationTime())))
                .build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of quarkus-oidc's provider, which has the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled || !(request.getToken() instanceof AccessTokenCredential)) {
            return Uni.createFrom().nullItem();
        }
        String key = sha256(request.getToken().getToken());
        SecurityIdentity known = verified.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(forThisRequest(known, request));
        }
        return oidc.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                verified.put(key, identity);
            }
        });
    }

    /** Whether this exact token is remembered as verified (for tests). */
    boolean remembers(String token) {
        verified.cleanUp();
        return verified.getIfPresent(sha256(token)) != null;
    }

    /** The cached identity, attached to the current request instead of the one that first presented the token. */
    private static SecurityIdentity forThisRequest(SecurityIdentity identity, TokenAuthenticationRequest request) {
        RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
        return QuarkusSecurityIdentity.builder(identity).addAttribute(RoutingContext.class.getName(), current).build();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
