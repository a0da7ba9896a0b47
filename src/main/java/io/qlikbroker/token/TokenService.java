package io.qlikbroker.token;

import jakarta.enterprise.context.ApplicationScoped;

import io.qlikbroker.cache.CachedToken;
import io.qlikbroker.cache.TokenCache;
import io.qlikbroker.cache.TokenKey;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.identity.UserLookupMapper;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.metrics.TokenOutcome;
import io.qlikbroker.qlik.ImpersonationClient;
import io.qlikbroker.qlik.UserLookup;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A verified caller's token: mapped to a Qlik user, served from the cache or minted, and counted. */
@ApplicationScoped
public class TokenService {

    static final String DEFAULT_TENANT = "default";

    private final UserLookupMapper userLookupMapper;
    private final TokenCache cache;
    private final ImpersonationClient impersonationClient;
    private final BrokerMetrics metrics;
    private final QlikConfig qlik;
    private final boolean revokeOnLogout;

    TokenService(UserLookupMapper userLookupMapper, TokenCache cache, ImpersonationClient impersonationClient,
            BrokerMetrics metrics, QlikConfig qlik, BrokerConfig broker) {
        this.userLookupMapper = userLookupMapper;
        this.cache = cache;
        this.impersonationClient = impersonationClient;
        this.metrics = metrics;
        this.qlik = qlik;
        this.revokeOnLogout = broker.revokeOnLogout();
    }

    public Uni<CachedToken> tokenFor(SecurityIdentity identity) {
        return Uni.createFrom().item(() -> userLookupMapper.map(identity))
                .chain(lookup -> cache.get(keyFor(lookup), () -> impersonationClient.impersonate(lookup)))
                .onItem().invoke(token -> metrics.tokenRequest(token.minted() ? TokenOutcome.ISSUED : TokenOutcome.CACHED))
                .onFailure().invoke(metrics::tokenRequestFailed);
    }

    /** Forgets the caller's token (the app's logout), and revokes it at the tenant when so configured. */
    public Uni<Void> forget(SecurityIdentity identity) {
        return Uni.createFrom().item(() -> cache.evict(keyFor(userLookupMapper.map(identity))))
                .chain(evicted -> evicted.isPresent() && revokeOnLogout
                        ? impersonationClient.revoke(evicted.get())
                        : Uni.createFrom().voidItem());
    }

    private TokenKey keyFor(UserLookup lookup) {
        return new TokenKey(DEFAULT_TENANT, qlik.clientId(), lookup.field(), lookup.value(), qlik.scope());
    }
}
