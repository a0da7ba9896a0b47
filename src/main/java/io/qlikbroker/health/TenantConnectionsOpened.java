package io.qlikbroker.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness waits until the broker has tried to open its connection to every tenant (TLS handshake, HTTP/2 set-up):
 * a fresh replica that took a burst of first-time users before that would make all of them wait behind it. The
 * attempt's outcome does not matter here: a tenant outage is wellness, never readiness (see
 * {@link TenantWellnessCheck}), and each attempt ends within its probe's time limit.
 */
@Readiness
@Singleton
public class TenantConnectionsOpened implements HealthCheck {

    static final String NAME = "qlik-connections";

    private final TenantWellnessChecks checks;

    TenantConnectionsOpened(TenantWellnessChecks checks) {
        this.checks = checks;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(checks.connectionsOpened()).build();
    }
}
