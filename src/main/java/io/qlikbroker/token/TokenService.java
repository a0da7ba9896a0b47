package io.qlikbroker.token;

import jakarta.enterprise.context.ApplicationScoped;

import io.qlikbroker.audit.AuditLog;
import io.qlikbroker.cache.CachedToken;
import io.qlikbroker.cache.TokenCache;
import io.qlikbroker.cache.TokenKey;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.identity.Claims;
import io.qlikbroker.identity.VerifiedBearerIdentityProvider;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.metrics.TokenOutcome;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.provisioning.UserProvisioner;
import io.qlikbroker.qlik.QlikToken;
import io.qlikbroker.qlik.UpstreamTrace;
import io.qlikbroker.qlik.UserLookup;
import io.qlikbroker.ratelimit.PerUserRateLimiter;
import io.qlikbroker.tenant.QlikTenant;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A verified caller's token from one tenant: allowed for that tenant, mapped to a Qlik user, rate-limited per
 * identity, served from the cache or minted (after provisioning, where on), then counted and audited. Every token
 * decision passes through here once.
 */
@ApplicationScoped
public class TokenService {

    private final PerUserRateLimiter rateLimiter;
    private final TokenCache cache;
    private final BrokerMetrics metrics;
    private final AuditLog audit;
    private final boolean revokeOnLogout;
    private final VerifiedBearerIdentityProvider verifiedBearers;

    TokenService(PerUserRateLimiter rateLimiter, TokenCache cache, BrokerMetrics metrics, AuditLog audit,
            BrokerConfig broker, VerifiedBearerIdentityProvider verifiedBearers) {
        this.verifiedBearers = verifiedBearers;
        this.rateLimiter = rateLimiter;
        this.cache = cache;
        this.metrics = metrics;
        this.audit = audit;
        this.revokeOnLogout = broker.revokeOnLogout();
    }

    public Uni<CachedToken> tokenFor(SecurityIdentity identity, QlikTenant tenant) {
        Caller caller;
        try {
            caller = admit(identity, tenant);
        } catch (BrokerException refused) {
            return Uni.createFrom().failure(refused);
        }
        UpstreamTrace trace = new UpstreamTrace();
        Uni<CachedToken> token = cache.get(keyFor(tenant, caller.lookup()),
                () -> mint(tenant, caller.lookup(), identity, trace));
        return token
                .invoke(issued -> {
                    TokenOutcome outcome = issued.minted() ? TokenOutcome.ISSUED : TokenOutcome.CACHED;
                    metrics.tokenRequest(tenant.name(), outcome);
                    audit.decision(tenant.name(), outcome, caller.claim(), caller.lookup(), issued.token(),
                            !issued.minted(), trace);
                })
                .onFailure().invoke(failure -> {
                    metrics.tokenRequest(tenant.name(), outcomeOf(failure));
                    audit.decision(tenant.name(), outcomeOf(failure), caller.claim(), caller.lookup(), null, false, trace);
                });
    }

    /** A request refused before any identity could be established or used (401, cross-site, no claim). */
    public void refused(String tenant, BrokerException problem, String identity, UserLookup lookup) {
        metrics.tokenRequest(tenant, TokenOutcome.of(problem.kind()));
        audit.decision(tenant, TokenOutcome.of(problem.kind()), identity, lookup, null, false, null);
    }

    /** Forgets the caller's token (the app's logout), and revokes it at the tenant when so configured. */
    public Uni<Void> forget(SecurityIdentity identity, QlikTenant tenant) {
        return Uni.createFrom().item(() -> cache.evict(keyFor(tenant, tenant.userLookupMapper().map(identity))))
                .chain(evicted -> evicted.isPresent() && revokeOnLogout
                        ? tenant.connection().impersonation().revoke(evicted.get())
                        : Uni.createFrom().voidItem());
    }

    /** The caller's claim and lookup, within its rate limit; refusals are counted and audited here. */
    private Caller admit(SecurityIdentity identity, QlikTenant tenant) {
        String claim = null;
        UserLookup lookup = null;
        try {
            requireTenantClaim(identity, tenant);
            claim = tenant.userLookupMapper().claimValue(identity);
            lookup = tenant.userLookupMapper().lookupFor(claim);
            rateLimiter.acquire(lookup.value());
            verifiedBearers.admitted(identity);
            return new Caller(claim, lookup);
        } catch (BrokerException refused) {
            refused(tenant.name(), refused, claim != null ? claim : identity.getPrincipal().getName(), lookup);
            throw refused;
        }
    }

    /** A named tenant with a required claim serves only identities whose claim names it. */
    private static void requireTenantClaim(SecurityIdentity identity, QlikTenant tenant) {
        if (tenant.requiredClaim().isPresent()
                && !Claims.values(identity, tenant.requiredClaim().get()).contains(tenant.name())) {
            throw new BrokerException(ProblemKind.TENANT_NOT_ALLOWED,
                    "Your identity does not grant access to the Qlik tenant '" + tenant.name() + "'.");
        }
    }

    /**
     * A new token for the configured lookup. With provisioning, the templated claim is the user's Qlik subject: the
     * user is looked up (or created) first, and looked up again if Qlik then refuses it (deleted or disabled on the
     * tenant since it was last seen). The cache key stays the configured lookup either way, so that {@code DELETE}
     * finds exactly what {@code POST} cached, even when the token was minted for the Qlik user id.
     */
    private Uni<QlikToken> mint(QlikTenant tenant, UserLookup configured, SecurityIdentity identity,
            UpstreamTrace trace) {
        UserProvisioner provisioner = tenant.provisioner();
        if (!provisioner.enabled()) {
            return tenant.connection().impersonation().impersonate(configured, trace);
        }
        String subject = configured.value();
        return provisioner.ensure(subject, identity).chain(userId -> impersonate(tenant, configured, userId, trace)
                .onFailure(UserProvisioner::isRefusedUser).recoverWithUni(refusal -> provisioner
                        .recheck(subject, userId, identity, refusal)
                        .chain(currentId -> impersonate(tenant, configured, currentId, trace))));
    }

    private static Uni<QlikToken> impersonate(QlikTenant tenant, UserLookup configured, String userId,
            UpstreamTrace trace) {
        UserLookup lookup = "userId".equals(configured.field()) ? new UserLookup("userId", userId) : configured;
        return tenant.connection().impersonation().impersonate(lookup, trace);
    }

    private static TokenKey keyFor(QlikTenant tenant, UserLookup lookup) {
        return new TokenKey(tenant.name(), tenant.settings().clientId(), lookup.field(), lookup.value(),
                tenant.settings().scope());
    }

    private static TokenOutcome outcomeOf(Throwable failure) {
        return failure instanceof BrokerException broker ? TokenOutcome.of(broker.kind()) : TokenOutcome.UPSTREAM_ERROR;
    }

    private record Caller(String claim, UserLookup lookup) {
    }
}
