package io.qlikbroker.provisioning;

import io.qlikbroker.testing.ConfigProfile;

/**
 * Just-in-time provisioning on, with its own admin client, and users' tokens not cached: one application for the
 * provisioning tests and for both sides of the cache switch, what it turns off (users' tokens) and what it must not
 * (the admin client's token). Provisioning does not rest on the token cache, so its tests hold either way.
 */
public class ProvisioningProfile extends ConfigProfile {

    static final String CLIENT_ID = "provisioning-client";
    static final String CLIENT_SECRET = "provisioning-secret-0123456789";
    static final String ADMIN_TOKEN = "admin-token-for-users-api";

    public ProvisioningProfile() {
        super("qlik.provisioning.enabled", "true",
                "qlik.provisioning.client-id", CLIENT_ID,
                "qlik.provisioning.client-secret", CLIENT_SECRET,
                "broker.cache.enabled", "false");
    }
}
