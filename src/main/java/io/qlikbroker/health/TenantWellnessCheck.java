package io.qlikbroker.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.qlik.TenantProbe;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;

/**
 * Whether the Qlik tenant answers. A wellness check, deliberately not readiness: every replica shares the tenant,
 * so an outage there must not pull all of them out of the load balancer while cached tokens and clear 503s can
 * still be served. The result is reused for a few seconds so that probes never hammer the tenant.
 */
@Wellness
@ApplicationScoped
public class TenantWellnessCheck implements AsyncHealthCheck {

    static final String NAME = "qlik-tenant";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RESULT_REUSE = Duration.ofSeconds(5);

    private final Uni<HealthCheckResponse> memoized;

    TenantWellnessCheck(TenantProbe probe, QlikConfig config) {
        String tenant = config.tenantUrl();
        this.memoized = Uni.createFrom().deferred(() -> probe.check(PROBE_TIMEOUT))
                .map(ignored -> HealthCheckResponse.named(NAME).up().withData("tenant", tenant).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("tenant", tenant)
                        .withData("reason", failure.getClass().getSimpleName())
                        .build())
                .memoize().forFixedDuration(RESULT_REUSE);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return memoized;
    }
}
