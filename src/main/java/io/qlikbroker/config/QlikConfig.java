package io.qlikbroker.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * The Qlik Cloud tenants and the impersonation OAuth clients the broker uses. The unnamed {@code qlik.*} is the
 * default tenant, served at {@code /access-token}; {@code qlik.tenants."<name>".*} adds named ones, served at
 * {@code /tenants/<name>/access-token}. Every property can also be set as an environment variable
 * ({@code QLIK_TENANT_URL}, {@code QLIK_TENANTS__EU__TENANT_URL}, ...). Values are checked at start-up by
 * {@link ConfigValidator}; strings are kept as strings so that a bad value is reported by name, never echoed back.
 */
@ConfigMapping(prefix = "qlik")
public interface QlikConfig extends TenantSettings {

    /** Named tenants; names are lower-case letters and digits, so that every property has an environment variable. */
    Map<String, NamedTenant> tenants();

    interface NamedTenant extends TenantSettings {
    }
}
