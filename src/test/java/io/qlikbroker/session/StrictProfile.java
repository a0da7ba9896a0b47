package io.qlikbroker.session;

/**
 * A locked-down hybrid deployment: only a listed app origin, which must also send a required header, three token
 * requests a minute per identity, and keyed hashes instead of identities in the audit log. One application start
 * for the tests of each of those settings.
 */
public class StrictProfile extends HybridProfile {

    public static final String APP_ORIGIN = "https://app.example.com";

    public StrictProfile() {
        put("broker.allowed-origins", APP_ORIGIN, "broker.csrf.require-header", "X-Requested-With",
                "broker.rate-limit.per-user", "3",
                "broker.audit.hash-identities", "true", "broker.audit.hash-key", "audit-test-key");
    }
}
