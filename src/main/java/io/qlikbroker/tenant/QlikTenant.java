package io.qlikbroker.tenant;

import java.util.Optional;

import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.groups.GroupSync;
import io.qlikbroker.identity.UserLookupMapper;
import io.qlikbroker.provisioning.UserProvisioner;
import io.qlikbroker.qlik.TenantConnection;

/**
 * One Qlik tenant the broker serves: its settings, its clients, how its users are looked up, provisioned and put in
 * groups, and which callers may use it.
 */
public record QlikTenant(String name, TenantSettings settings, Optional<String> requiredClaim,
        TenantConnection connection, UserLookupMapper userLookupMapper, UserProvisioner provisioner,
        GroupSync groups) {

    public static final String DEFAULT = TenantSettings.DEFAULT_TENANT;
}
