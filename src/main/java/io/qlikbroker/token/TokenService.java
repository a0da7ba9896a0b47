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
import io.qlikbroker.provisioning.UserProvisioner;
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
    private final UserProvisioner provisioner;
    private final QlikConfig qlik;
    private final boolean revokeOnLogout;

    TokenService(UserLookupMapper userLookupMapper, PerUserRateLimiter rateLimiter, TokenCache cache,
            ImpersonationClient impersonationClient, BrokerMetrics metrics, AuditLog audit,
            UserProvisioner provisioner, QlikConfig qlik, BrokerConfig broker) {
        this.provisioner = provisioner;
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
        Caller caller;
        try {
            caller = admit(identity);
        } catch (BrokerException refused) {
            return Uni.createFrom().failure(refused);
        }
        UpstreamTrace trace = new UpstreamTrace();
        return (provisioner.enabled() ? provisionedToken(caller.lookup(), identity, trace) : tokenFor(caller.lookup(), trace))
                .invoke(token -> {
                    TokenOutcome outcome = token.minted() ? TokenOutcome.ISSUED : TokenOutcome.CACHED;
                    metrics.tokenRequest(outcome);
                    audit.decision(outcome, caller.claim(), caller.lookup(), token.token(), !token.minted(), trace);
                })
                .onFailure().invoke(failure -> {
                    metrics.tokenRequest(outcomeOf(failure));
                    audit.decision(outcomeOf(failure), caller.claim(), caller.lookup(), null, false, trace);
                });
    }

    /** The caller's claim and configured lookup, within its rate limit; refusals are counted and audited here. */
    private Caller admit(SecurityIdentity identity) {
        String claim = null;
        UserLookup lookup = null;
        try {
            claim = userLookupMapper.claimValue(identity);
            lookup = userLookupMapper.map(identity);
            rateLimiter.acquire(lookup.value());
            return new Caller(claim, lookup);
        } catch (BrokerException refused) {
            refused(refused, claim != null ? claim : identity.getPrincipal().getName(), lookup);
            throw refused;
        }
    }

    private record Caller(String claim, UserLookup lookup) {
    }

    private Uni<CachedToken> tokenFor(UserLookup lookup, UpstreamTrace trace) {
        return cache.get(keyFor(lookup), () -> impersonationClient.impersonate(lookup, trace));
    }

    /**
     * With provisioning, the templated claim is the user's Qlik subject: the user is looked up (or created) first,
     * and once more if Qlik then says it does not know the user (deleted on the tenant since it was last seen).
     */
    private Uni<CachedToken> provisionedToken(UserLookup configured, SecurityIdentity identity, UpstreamTrace trace) {
        String subject = configured.value();
        return provisionedAttempt(configured, subject, identity, trace)
                .onFailure(UserProvisioner::isUnknownUser).recoverWithUni(() -> {
                    provisioner.forget(subject);
                    return provisionedAttempt(configured, subject, identity, trace);
                });
    }

    private Uni<CachedToken> provisionedAttempt(UserLookup configured, String subject, SecurityIdentity identity,
            UpstreamTrace trace) {
        return provisioner.ensure(subject, identity).chain(userId -> tokenFor(
                "userId".equals(configured.field()) ? new UserLookup("userId", userId) : configured, trace));
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
