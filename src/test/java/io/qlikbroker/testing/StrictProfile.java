package io.qlikbroker.testing;

import io.qlikbroker.session.HybridProfile;

/**
 * A locked-down hybrid deployment: only a listed app origin, which must also send a required header, a per-user
 * limit on token requests, and keyed hashes instead of identities in the audit log; users are created on their first
 * visit by an admin client of their own, and users' tokens are not cached. One application start for the tests of
 * all those settings: none of them changes what the others' tests observe, and provisioning does not rest on the
 * token cache, so its tests hold either way.
 */
public class StrictProfile extends HybridProfile {

    public static final String APP_ORIGIN = "https://app.example.com";
    /** Token requests a minute per identity: above the most any other test of this profile sends for one user. */
    public static final int PER_USER_LIMIT = 20;
    public static final String PROVISIONING_CLIENT_ID = "provisioning-client";
    public static final String PROVISIONING_CLIENT_SECRET = "provisioning-secret-0123456789";

    public StrictProfile() {
        put("broker.allowed-origins", APP_ORIGIN, "broker.csrf.require-header", "X-Requested-With",
                "broker.rate-limit.per-user", String.valueOf(PER_USER_LIMIT),
                "broker.audit.hash-identities", "true", "broker.audit.hash-key", "audit-test-key",
                "qlik.provisioning.enabled", "true",
                "qlik.provisioning.client-id", PROVISIONING_CLIENT_ID,
                "qlik.provisioning.client-secret", PROVISIONING_CLIENT_SECRET,
                "broker.cache.enabled", "false");
    }
}
