package io.qlikbroker.testing;

import java.util.List;

/**
 * Tenants that differ in every choice, in one application for the groups, client-check and client-authentication
 * tests. Groups are synced on two: the default tenant creates its users, names groups with the prefix and refuses
 * tokens when the sync fails; "eu" ({@link SecondTenantFake}) only finds its users, maps two app groups to names of its
 * own and mints anyway. Two more ({@link KeyedTenantFake}) authenticate their client without a secret in
 * configuration: "keyed" with private_key_jwt, "filed" with a secret read from a file. The default tenant and "eu"
 * only serve users whose bearer token names them, in "qlik_tenants" and "tenants".
 */
public class TenantsProfile extends ConfigProfile {

    /** qlik.groups.max of the default tenant. */
    public static final int MAX = 5;

    public TenantsProfile() {
        super("qlik.provisioning.enabled", "true",
                "qlik.provisioning.client-id", QlikDirectoryFake.ADMIN_CLIENT_ID,
                "qlik.provisioning.client-secret", QlikDirectoryFake.ADMIN_CLIENT_SECRET,
                "qlik.groups.enabled", "true",
                "qlik.groups.max", String.valueOf(MAX),
                "qlik.required-claim", "qlik_tenants",
                "qlik.tenants.\"eu\".required-claim", "tenants",
                "qlik.tenants.\"eu\".provisioning.client-id", QlikDirectoryFake.ADMIN_CLIENT_ID,
                "qlik.tenants.\"eu\".provisioning.client-secret", QlikDirectoryFake.ADMIN_CLIENT_SECRET,
                "qlik.tenants.\"eu\".groups.enabled", "true",
                "qlik.tenants.\"eu\".groups.on-failure", "allow",
                "qlik.tenants.\"eu\".groups.mapping.sales", "EU Sales",
                "qlik.tenants.\"eu\".groups.mapping.\"emea\"", "EU \"EMEA\"",
                "broker.demo.enabled", "true",
                "broker.allowed-origins", QlikDirectoryFake.PAGE_ORIGIN);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SecondTenantFake.class), new TestResourceEntry(KeyedTenantFake.class));
    }
}
