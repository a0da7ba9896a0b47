package io.qlikbroker.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.tenant.QlikTenant;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Whether the tenant's impersonation client is configured as the broker needs it ({@link ClientPreflight}), read with
 * the admin client at start and every {@link #INTERVAL}. A wellness check: the operator is told, replicas stay in
 * service. One log line per change of the verdict, so a client fixed or broken on the tenant shows in the log too.
 */
class ClientPreflightCheck implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(ClientPreflightCheck.class);
    static final String NAME_PREFIX = "qlik-client";
    static final Duration INTERVAL = Duration.ofMinutes(5);
    /** A read that failed (tenant down at start, an admin token not yet given) is tried again at the next probe. */
    static final Duration AFTER_FAILED_READ = Duration.ofSeconds(5);

    private final String tenantName;
    private final String name;
    private final Uni<HealthCheckResponse> memoized;
    private volatile Instant recheckAt = Instant.MIN;
    private volatile List<String> lastVerdict;

    ClientPreflightCheck(String name, QlikTenant tenant, List<String> pageOrigins, Clock clock) {
        this.tenantName = tenant.name();
        this.name = name;
        String clientId = tenant.settings().clientId();
        String scope = tenant.settings().scope();
        this.memoized = Uni.createFrom().deferred(() -> tenant.connection().oauthClients().find(clientId))
                .map(found -> ClientPreflight.problems(found, clientId, pageOrigins, scope))
                .invoke(() -> recheckAt = clock.instant().plus(INTERVAL))
                .onFailure().recoverWithItem(failure -> {
                    recheckAt = clock.instant().plus(AFTER_FAILED_READ);
                    return List.of("the OAuth client " + clientId + " could not be read: "
                            + (failure instanceof BrokerException broker ? broker.kind().title()
                                    : failure.getClass().getSimpleName()));
                })
                .invoke(this::logWhenChanged)
                .map(problems -> response(clientId, problems))
                // On the injected clock, so that a test moves to the next check instead of waiting five minutes.
                .memoize().until(() -> !clock.instant().isBefore(recheckAt));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return memoized;
    }

    private HealthCheckResponse response(String clientId, List<String> problems) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).withData("client", clientId);
        if (problems.isEmpty()) {
            return builder.up().build();
        }
        for (int i = 0; i < problems.size(); i++) {
            builder.withData("problem" + (problems.size() == 1 ? "" : "-" + (i + 1)), problems.get(i));
        }
        return builder.down().build();
    }

    private void logWhenChanged(List<String> problems) {
        if (problems.equals(lastVerdict)) {
            return;
        }
        lastVerdict = problems;
        if (problems.isEmpty()) {
            LOG.infof("Qlik OAuth client check tenant=%s: fit for impersonation", tenantName);
        } else {
            LOG.warnf("Qlik OAuth client check tenant=%s: %s", tenantName, String.join("; ", problems));
        }
    }
}
