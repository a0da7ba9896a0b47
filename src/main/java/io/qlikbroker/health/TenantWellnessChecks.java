package io.qlikbroker.health;

import java.time.Clock;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.qlikbroker.config.ConfigurationValidated;
import io.qlikbroker.tenant.QlikTenant;
import io.qlikbroker.tenant.TenantRegistry;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;

/**
 * Registers one wellness check per configured tenant, named for it ({@code qlik-tenant}, {@code qlik-tenant-eu}),
 * and runs it once at start-up.
 */
@Singleton
public class TenantWellnessChecks {

    void register(@Observes ConfigurationValidated event, @Wellness HealthRegistry wellness, TenantRegistry tenants,
            Clock clock) {
        for (QlikTenant tenant : tenants.all()) {
            TenantWellnessCheck check = new TenantWellnessCheck(tenant, clock);
            wellness.register(tenant.name(), check);
            // Opens the connection to the tenant (TLS handshake included) now, not on the first user's request; the
            // result is what the first probe reads.
            check.call().subscribe().with(ignored -> {
            }, ignored -> {
            });
        }
    }
}
