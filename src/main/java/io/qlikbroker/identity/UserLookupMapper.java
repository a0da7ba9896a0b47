package io.qlikbroker.identity;

import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.domain.UserLookup;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Turns the verified caller into the Qlik user to impersonate, by one tenant's user-lookup settings. The only input is the
 * identity that quarkus-oidc
 * verified (the bearer token, or the ID token of a code-flow session): nothing the browser sends in a body, query
 * or header can choose the user.
 */
public class UserLookupMapper {

    private final TenantSettings.UserLookup config;

    public UserLookupMapper(TenantSettings.UserLookup config) {
        this.config = config;
    }

    public UserLookup map(SecurityIdentity identity) {
        return lookupFor(claimValue(identity));
    }

    /** The lookup for a claim value already read with {@link #claimValue}. */
    public UserLookup lookupFor(String claimValue) {
        return new UserLookup(config.field(),
                config.template().replace(TenantSettings.UserLookup.CLAIM_PLACEHOLDER, claimValue));
    }

    /** The configured claim as a non-blank string; arrays, objects, numbers and empty values are refused. */
    public String claimValue(SecurityIdentity identity) {
        return Claims.text(identity, config.claim()).orElseThrow(() -> new BrokerException(
                ProblemKind.MISSING_IDENTITY_CLAIM, "Your sign-in carries no single, non-empty '" + config.claim()
                        + "' claim, which this service needs to find your Qlik user."));
    }
}
