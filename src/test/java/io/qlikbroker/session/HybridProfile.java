package io.qlikbroker.session;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The broker running the code flow itself, with its OIDC client secret. */
public class HybridProfile implements QuarkusTestProfile {

    /** The subject of the ID token OidcWiremockTestResource issues for its code flow. */
    public static final String CODE_FLOW_SUBJECT = "123456";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.application-type", "hybrid",
                "quarkus.oidc.credentials.secret", "app-client-secret",
                "quarkus.oidc.logout.path", "/logout",
                "quarkus.oidc.logout.post-logout-path", "/");
    }
}
