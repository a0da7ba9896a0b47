package io.qlikbroker.token;

import jakarta.enterprise.context.ApplicationScoped;

import io.qlikbroker.audit.AuditLog;
import io.qlikbroker.cache.CachedToken;
import io.qlikbroker.cache.TokenCache;
import io.qlikbroker.cache.TokenKey;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.identity.UserLookupMapper;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.metrics.TokenOutcome;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.qlik.ImpersonationClient;
import io.qlikbroker.qlik.UpstreamTrace;
import io.qlikbroker.qlik.UserLookup;
import io.qlikbroker.ratelimit.PerUserRateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A verified caller's token: mapped to a Qlik user, rate-limited per identity, served from the cache or minted,
 * then counted and audited. Every token decision passes through here once.
 */
@ApplicationScoped
public class TokenService {

    static final String DEFAULT_TENANT = "default";

    private final UserLookupMapper userLookupMapper;
    private final PerUserRateLimiter rateLimiter;
    private final TokenCache cache;
    private final ImpersonationClient impersonationClient;
    private final BrokerMetrics metrics;
    private final AuditLog audit;
    private final QlikConfig qlik;
    private final boolean revokeOnLogout;

    TokenService(UserLookupMapper userLookupMapper, PerUserRateLimiter rateLimiter, TokenCache cache,
            ImpersonationClient impersonationClient, BrokerMetrics metrics, AuditLog audit, QlikConfig qlik,
            BrokerConfig broker) {
        this.userLookupMapper = userLookupMapper;
        this.rateLimiter = rateLimiter;
        this.cache = cache;
        this.impersonationClient = impersonationClient;
        this.metrics = metrics;
        this.audit = audit;
        this.qlik = qlik;
        this.revokeOnLogout = broker.revokeOnLogout();
    }

    public Uni<CachedToken> tokenFor(SecurityIdentity identity) {
        String claim = null;
        UserLookup lookup = null;
        try {
            claim = userLookupMapper.claimValue(identity);
            lookup = userLookupMapper.map(identity);
            rateLimiter.acquire(lookup.value());
        } catch (BrokerException refused) {
            refused(refused, claim != null ? claim : identity.getPrincipal().getName(), lookup);
            return Uni.createFrom().failure(refused);
        }
        return mintOrReuse(claim, lookup);
    }

    private Uni<CachedToken> mintOrReuse(String claim, UserLookup lookup) {
        UpstreamTrace trace = new UpstreamTrace();
        return cache.get(keyFor(lookup), () -> impersonationClient.impersonate(lookup, trace))
                .invoke(token -> {
                    TokenOutcome outcome = token.minted() ? TokenOutcome.ISSUED : TokenOutcome.CACHED;
                    metrics.tokenRequest(outcome);
                    audit.decision(outcome, claim, lookup, token.token(), !token.minted(), trace);
                })
                .onFailure().invoke(failure -> {
                    metrics.tokenRequest(outcomeOf(failure));
                    audit.decision(outcomeOf(failure), claim, lookup, null, false, trace);
                });
    }

    /** A request refused before any identity could be established or used (401, cross-site, no claim). */
    public void refused(BrokerException problem, String identity, UserLookup lookup) {
        metrics.tokenRequest(TokenOutcome.of(problem.kind()));
        audit.decision(TokenOutcome.of(problem.kind()), identity, lookup, null, false, null);
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

    private static TokenOutcome outcomeOf(Throwable failure) {
        return failure instanceof BrokerException broker ? TokenOutcome.of(broker.kind()) : TokenOutcome.UPSTREAM_ERROR;
    }
}
