package io.qlikbroker.session;

import io.qlikbroker.testing.ConfigProfile;

/**
 * The broker running the code flow itself, with its OIDC client secret and sign-out, the example page, and
 * revocation on DELETE: the settings of a typical hybrid deployment, shared by every test of those features so that
 * they run in one application start.
 */
public class HybridProfile extends ConfigProfile {

    /** The subject of the ID token OidcWiremockTestResource issues for its code flow. */
    public static final String CODE_FLOW_SUBJECT = "123456";

    public HybridProfile() {
        super("quarkus.oidc.application-type", "hybrid",
                "quarkus.oidc.credentials.secret", "app-client-secret",
                "quarkus.oidc.logout.path", "/logout",
                "quarkus.oidc.logout.post-logout-path", "/",
                "broker.demo.enabled", "true", "broker.demo.app-id", "demo-app", "broker.demo.object-id", "demo-chart",
                "broker.revoke-on-logout", "true");
    }
}
