package io.qlikbroker.groups;

import java.util.List;

import io.qlikbroker.testing.ConfigProfile;
import io.qlikbroker.testing.QlikDirectoryFake;
import io.qlikbroker.testing.SecondTenantFake;

/**
 * Groups synced on two tenants that differ in every choice: the default tenant creates its users, names groups with
 * the prefix and refuses tokens when the sync fails; "eu" only finds its users, maps two app groups to names of its
 * own and mints anyway. The profile brings "eu"'s fake ({@link SecondTenantFake}), so that every test class of the
 * profile shares one application.
 */
public class GroupsProfile extends ConfigProfile {

    static final int MAX = 5;

    public GroupsProfile() {
        super("qlik.provisioning.enabled", "true",
                "qlik.provisioning.client-id", QlikDirectoryFake.ADMIN_CLIENT_ID,
                "qlik.provisioning.client-secret", QlikDirectoryFake.ADMIN_CLIENT_SECRET,
                "qlik.groups.enabled", "true",
                "qlik.groups.max", String.valueOf(MAX),
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
        return List.of(new TestResourceEntry(SecondTenantFake.class));
    }
}
