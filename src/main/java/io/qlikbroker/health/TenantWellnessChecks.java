package io.qlikbroker.health;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.ClientSettings;
import io.qlikbroker.config.ConfigurationValidated;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.tenant.QlikTenant;
import io.qlikbroker.tenant.TenantRegistry;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import io.vertx.core.Vertx;

/**
 * Registers the wellness checks of each configured tenant and runs them once at start-up: whether it answers
 * ({@code qlik-tenant}, {@code qlik-tenant-eu}) and, where an admin client is configured, whether its impersonation
 * client is fit ({@code qlik-client}, {@code qlik-client-eu}), checked again every five minutes. Each verdict is also
 * the gauge {@code broker_wellness{check}}, for alerts.
 */
@Singleton
public class TenantWellnessChecks {

    void register(@Observes ConfigurationValidated event, @Wellness HealthRegistry wellness, TenantRegistry tenants,
            BrokerConfig broker, Clock clock, Vertx vertx, BrokerMetrics metrics) {
        for (QlikTenant tenant : tenants.all()) {
            // Opens the connection to the tenant (TLS handshake included) now, not on the first user's request; the
            // result is what the first probe reads.
            String tenantCheck = checkName(TenantWellnessCheck.NAME_PREFIX, tenant);
            register(wellness, metrics, tenantCheck, new TenantWellnessCheck(tenantCheck, tenant, clock));
            if (ClientSettings.adminClientUsed(tenant.settings())) {
                String clientCheck = checkName(ClientPreflightCheck.NAME_PREFIX, tenant);
                RememberedCheck preflight = register(wellness, metrics, clientCheck, new ClientPreflightCheck(clientCheck,
                        tenant, broker.allowedOrigins().orElse(List.of()), clock));
                // Without probes too: a client changed on the tenant shows in the log within five minutes.
                vertx.setPeriodic(ClientPreflightCheck.INTERVAL.toMillis(), id -> preflight.run());
            }
        }
    }

    /** {@code <prefix>} for the default tenant, {@code <prefix>-<name>} for the others. */
    static String checkName(String prefix, QlikTenant tenant) {
        return QlikTenant.DEFAULT.equals(tenant.name()) ? prefix : prefix + "-" + tenant.name();
    }

    private static RememberedCheck register(HealthRegistry wellness, BrokerMetrics metrics, String name,
            AsyncHealthCheck check) {
        RememberedCheck remembered = new RememberedCheck(check);
        wellness.register(name, remembered);
        metrics.wellness(name, remembered, RememberedCheck::refreshed);
        remembered.run();
        return remembered;
    }
}
