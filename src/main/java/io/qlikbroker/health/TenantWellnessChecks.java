package io.qlikbroker.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.ClientSettings;
import io.qlikbroker.config.ConfigurationValidated;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.tenant.QlikTenant;
import io.qlikbroker.tenant.TenantRegistry;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Registers the wellness checks of each configured tenant and runs them once at start-up: whether it answers
 * ({@code qlik-tenant}, {@code qlik-tenant-eu}) and, where an admin client is configured, whether its impersonation
 * client is fit ({@code qlik-client}, {@code qlik-client-eu}), checked again every five minutes. Each verdict is also
 * the gauge {@code broker_wellness{check}}, for alerts.
 */
@Singleton
public class TenantWellnessChecks {

    private volatile boolean connectionsOpened;

    void register(@Observes ConfigurationValidated event, @Wellness HealthRegistry wellness, TenantRegistry tenants,
            BrokerConfig broker, Clock clock, Vertx vertx, BrokerMetrics metrics) {
        List<Uni<HealthCheckResponse>> openings = new ArrayList<>();
        for (QlikTenant tenant : tenants.all()) {
            // Opens the connection to the tenant (TLS handshake included) now, not on the first user's request; the
            // result is what the first probe reads.
            String tenantCheck = checkName(TenantWellnessCheck.NAME_PREFIX, tenant);
            openings.add(register(wellness, metrics, tenantCheck, new TenantWellnessCheck(tenantCheck, tenant, clock))
                    .call());
            if (ClientSettings.adminClientUsed(tenant.settings())) {
                String clientCheck = checkName(ClientPreflightCheck.NAME_PREFIX, tenant);
                RememberedCheck preflight = register(wellness, metrics, clientCheck, new ClientPreflightCheck(clientCheck,
                        tenant, broker.allowedOrigins().orElse(List.of()), clock));
                preflight.run();
                // Without probes too: a client changed on the tenant shows in the log within five minutes.
                vertx.setPeriodic(ClientPreflightCheck.INTERVAL.toMillis(), id -> preflight.run());
            }
        }
        // A tenant check never fails (a failure is a DOWN answer), and each is bounded by its probe's time limit.
        Uni.join().all(openings).andCollectFailures().subscribe().with(ignored -> connectionsOpened = true,
                ignored -> connectionsOpened = true);
    }

    /** Whether the start-up attempt to open every tenant's connection has ended, whatever its outcome. */
    boolean connectionsOpened() {
        return connectionsOpened;
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
        return remembered;
    }
}
