package io.qlikbroker.config;

import io.qlikbroker.credentials.ClientCredential;

/**
 * The credential settings of a tenant's two clients, and the token endpoint their assertions are addressed to: one
 * place that reads them, for the validator and for the connection alike.
 */
public final class ClientSettings {

    private ClientSettings() {
    }

    public static ClientCredential.Settings impersonation(TenantSettings tenant) {
        return new ClientCredential.Settings(tenant.clientId(), tenant.clientAuth(), tenant.clientSecret(),
                tenant.clientSecretFile(), tenant.privateKeyFile(), tenant.keyId());
    }

    public static ClientCredential.Settings provisioning(TenantSettings.Provisioning provisioning) {
        return new ClientCredential.Settings(provisioning.clientId().orElse(""), provisioning.clientAuth(),
                provisioning.clientSecret(), provisioning.clientSecretFile(), provisioning.privateKeyFile(),
                provisioning.keyId());
    }

    /**
     * Whether the tenant needs its admin client ({@code qlik.provisioning.client-*}): to create users, or to set
     * their groups.
     */
    public static boolean adminClientUsed(TenantSettings tenant) {
        return tenant.provisioning().enabled() || tenant.groups().enabled();
    }

    /** {@code <tenant URL>/oauth/token} exactly, no doubled or trailing slash: the {@code aud} Qlik checks. */
    public static String tokenEndpoint(TenantSettings tenant) {
        String url = tenant.tenantUrl().strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url + "/oauth/token";
    }
}
