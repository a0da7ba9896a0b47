package io.qlikbroker.provisioning;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Just-in-time provisioning on, with its own admin client. */
public class ProvisioningProfile implements QuarkusTestProfile {

    static final String CLIENT_ID = "provisioning-client";
    static final String CLIENT_SECRET = "provisioning-secret-0123456789";
    static final String ADMIN_TOKEN = "admin-token-for-users-api";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("qlik.provisioning.enabled", "true",
                "qlik.provisioning.client-id", CLIENT_ID,
                "qlik.provisioning.client-secret", CLIENT_SECRET);
    }
}
