package io.qlikbroker.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.domain.TokenFingerprint;
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
 * Runs ahead of quarkus-oidc's own provider for bearer tokens and remembers each token that passed its full
 * verification, keyed by the token's SHA-256, until the token's own {@code exp} at the latest. A page that asks for
 * its Qlik token again presents the same bearer token, and verifying its RSA signature again is most of the cost of
 * such a request.
 *
 * <p>
 * What is reused is exactly what quarkus-oidc concluded for exactly these bytes: any other token, tampered by one
 * bit, is a different key and goes through full verification. Only the principal's name, the claims the broker
 * reads and the expiry are kept, and only once the request was admitted ({@link #admitted}), after the per-user rate
 * limit: a user who mints thousands of valid tokens cannot fill the memory faster than that limit lets them.
 * Code-flow sessions are left to quarkus-oidc.
 */
@ApplicationScoped
public class VerifiedBearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Attribute of a freshly verified identity: its memory key, until the request is admitted. */
    private static final String PENDING_KEY = VerifiedBearerIdentityProvider.class.getName() + ".key";

    private final OidcIdentityProvider oidc;
    private final boolean enabled;
    private final VerifiedBearerMemory memory;

    VerifiedBearerIdentityProvider(OidcIdentityProvider oidc, Clock clock, BrokerConfig config, QlikConfig qlik) {
        this.oidc = oidc;
        this.enabled = config.bearerCache().enabled();
        this.memory = new VerifiedBearerMemory(clock, config.bearerCache().maxEntries(),
                config.bearerCache().maxBytes().asLongValue(), claimsInUse(qlik));
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
        String key = TokenFingerprint.sha256Hex(request.getToken().getToken());
        Optional<RememberedBearer> known = memory.recall(key);
        if (known.isPresent()) {
            return Uni.createFrom().item(forThisRequest(known.get(), request));
        }
        return oidc.authenticate(request, context).map(identity -> identity != null
                && identity.getPrincipal() instanceof JsonWebToken
                        ? QuarkusSecurityIdentity.builder(identity).addAttribute(PENDING_KEY, key).build()
                        : identity);
    }

    /** The request of {@code identity} was admitted: a bearer token it was verified from is remembered from now on. */
    public void admitted(SecurityIdentity identity) {
        if (identity.getAttribute(PENDING_KEY) instanceof String key && identity.getPrincipal() instanceof JsonWebToken jwt) {
            memory.remember(key, jwt);
        }
    }

    /** Whether this exact token is remembered as verified (for tests). */
    boolean remembers(String token) {
        return memory.recall(TokenFingerprint.sha256Hex(token)).isPresent();
    }

    /** What the memory keeps of this token (for tests). */
    Optional<RememberedBearer> remembered(String token) {
        return memory.recall(TokenFingerprint.sha256Hex(token));
    }

    /**
     * The claims any tenant reads: lookup, required claim, what provisioning copies into a new user, and the groups
     * synced to Qlik.
     */
    static Set<String> claimsInUse(QlikConfig qlik) {
        Set<String> claims = new TreeSet<>(Set.of("sub", "email_verified"));
        List<TenantSettings> tenants = new ArrayList<>(qlik.tenants().values());
        tenants.add(qlik);
        for (TenantSettings tenant : tenants) {
            claims.add(tenant.userLookup().claim());
            tenant.requiredClaim().ifPresent(claims::add);
            claims.add(tenant.provisioning().nameClaim());
            claims.add(tenant.provisioning().emailClaim());
            if (tenant.groups().enabled()) {
                claims.add(tenant.groups().claim());
            }
        }
        return Set.copyOf(claims);
    }

    /** A small identity for the current request: the remembered principal, and this request's routing context. */
    private static SecurityIdentity forThisRequest(RememberedBearer bearer, TokenAuthenticationRequest request) {
        RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
        return QuarkusSecurityIdentity.builder().setPrincipal(bearer)
                .addAttribute(RoutingContext.class.getName(), current).build();
    }
}
