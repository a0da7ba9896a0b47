package io.qlikbroker.token;

import jakarta.enterprise.context.ApplicationScoped;

import io.qlikbroker.cache.CachedToken;
import io.qlikbroker.cache.TokenCache;
import io.qlikbroker.cache.TokenKey;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.domain.TokenDecision;
import io.qlikbroker.domain.UpstreamTrace;
import io.qlikbroker.domain.UserLookup;
import io.qlikbroker.identity.Claims;
import io.qlikbroker.identity.VerifiedBearerIdentityProvider;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.provisioning.UserProvisioner;
import io.qlikbroker.ratelimit.PerUserRateLimiter;
import io.qlikbroker.tenant.QlikTenant;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A verified caller's token from one tenant: allowed for that tenant, mapped to a Qlik user, rate-limited per
 * identity, its groups set in Qlik (where on), served from the cache or minted (after provisioning, where on), and
 * recorded once as a {@link TokenDecision}.
 */
@ApplicationScoped
public class TokenService {

    private final PerUserRateLimiter rateLimiter;
    private final TokenCache cache;
    private final DecisionRecorder decisions;
    private final VerifiedBearerIdentityProvider verifiedBearers;
    private final boolean revokeOnLogout;

    TokenService(PerUserRateLimiter rateLimiter, TokenCache cache, DecisionRecorder decisions,
            VerifiedBearerIdentityProvider verifiedBearers, BrokerConfig broker) {
        this.rateLimiter = rateLimiter;
        this.cache = cache;
        this.decisions = decisions;
        this.verifiedBearers = verifiedBearers;
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
        TokenKey key = keyFor(tenant, caller.lookup());
        return rateLimiter.acquireShared(caller.lookup().value())
                .chain(() -> syncGroups(tenant, caller, identity, key, trace))
                .chain(() -> cache.get(key, () -> mint(tenant, caller.lookup(), identity, trace)))
                .invoke(issued -> decisions.record(TokenDecision.served(tenant.name(), caller.claim(), caller.lookup(),
                        issued.token(), issued.minted(), trace)))
                .onFailure().invoke(failure -> decisions.record(
                        TokenDecision.refused(tenant.name(), failure, caller.claim(), caller.lookup(), trace)));
    }

    /** Forgets the caller's token (the app's logout), and revokes it at the tenant when so configured. */
    public Uni<Void> forget(SecurityIdentity identity, QlikTenant tenant) {
        return Uni.createFrom().deferred(() -> cache.evict(keyFor(tenant, tenant.userLookupMapper().map(identity))))
                .chain(evicted -> evicted.isPresent() && revokeOnLogout
                        ? tenant.connection().impersonation().revoke(evicted.get())
                        : Uni.createFrom().voidItem());
    }

    /** The caller's claim and lookup, within its rate limit; a refusal is recorded here. */
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
            decisions.record(TokenDecision.refused(tenant.name(), refused,
                    claim != null ? claim : identity.getPrincipal().getName(), lookup, null));
            throw refused;
        }
    }

    /**
     * Sets the caller's groups in Qlik before a token is served: a token minted under the old groups is dropped when
     * they changed, since whether Qlik applies a change to tokens already issued is not documented.
     */
    private Uni<Void> syncGroups(QlikTenant tenant, Caller caller, SecurityIdentity identity, TokenKey key,
            UpstreamTrace trace) {
        if (!tenant.groups().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return tenant.groups().sync(identity, caller.claim(), caller.lookup().value(),
                () -> tenant.provisioner().userId(caller.lookup(), identity), () -> cache.evict(key).replaceWithVoid())
                .invoke(result -> trace.groups(result.status().label()))
                .onFailure().invoke(failure -> trace.groups("failed"))
                .replaceWithVoid();
    }

    /** A tenant with a required claim serves only identities whose claim names it. */
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
        UserLookup lookup = configured.byUserId() ? new UserLookup(UserLookup.USER_ID, userId) : configured;
        return tenant.connection().impersonation().impersonate(lookup, trace);
    }

    private static TokenKey keyFor(QlikTenant tenant, UserLookup lookup) {
        return new TokenKey(tenant.name(), tenant.settings().clientId(), lookup.field(), lookup.value(),
                tenant.settings().scope());
    }

    private record Caller(String claim, UserLookup lookup) {
    }
}
