package io.qlikbroker.cache;

import io.qlikbroker.provisioning.ProvisioningProfile;

/**
 * Users' tokens not cached, with provisioning on: one application for both sides of the switch, what it turns off
 * (users' tokens) and what it must not (the admin client's token).
 */
public class CacheDisabledProfile extends ProvisioningProfile {

    public CacheDisabledProfile() {
        put("broker.cache.enabled", "false");
    }
}
