package io.qlikbroker.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.qlikbroker.tenant.QlikTenant;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Whether one Qlik tenant answers. A wellness check, deliberately not readiness: every replica shares the tenant,
 * so an outage there must not pull all of them out of the load balancer while cached tokens and clear 503s can
 * still be served. The result is reused for a few seconds so that probes never hammer the tenant.
 */
public class TenantWellnessCheck implements AsyncHealthCheck {

    static final String NAME_PREFIX = "qlik-tenant";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RESULT_REUSE = Duration.ofSeconds(5);

    private final Uni<HealthCheckResponse> memoized;
    private volatile Instant reuseUntil = Instant.MIN;

    TenantWellnessCheck(String name, QlikTenant tenant, Clock clock) {
        String url = tenant.settings().tenantUrl();
        this.memoized = Uni.createFrom().deferred(() -> tenant.connection().probe().check(PROBE_TIMEOUT))
                .map(ignored -> credentialProblem(tenant)
                        // The tenant answers, but the broker could not read a rotated credential file: it still
                        // uses the last good one, and an operator has to look.
                        .map(problem -> HealthCheckResponse.named(name).down().withData("tenant", url)
                                .withData("reason", problem).build())
                        .orElseGet(() -> HealthCheckResponse.named(name).up().withData("tenant", url).build()))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(name).down()
                        .withData("tenant", url)
                        .withData("reason", failure.getClass().getSimpleName())
                        .build())
                .invoke(() -> reuseUntil = clock.instant().plus(RESULT_REUSE))
                // On the injected clock, so that a test moves past the reuse instead of waiting for it.
                .memoize().until(() -> !clock.instant().isBefore(reuseUntil));
    }

    private static java.util.Optional<String> credentialProblem(QlikTenant tenant) {
        return tenant.connection().credentials().stream().map(credential -> credential.problem())
                .flatMap(java.util.Optional::stream).findFirst();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return memoized;
    }
}
