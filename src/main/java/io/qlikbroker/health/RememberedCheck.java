package io.qlikbroker.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * A wellness check that remembers its last verdict for the {@code broker_wellness} gauge, so that Prometheus can
 * alert on a DOWN that nobody probed. Reading it also runs the check again (itself memoized), without waiting.
 */
final class RememberedCheck implements AsyncHealthCheck {

    private final AsyncHealthCheck check;
    private volatile double up = Double.NaN;

    RememberedCheck(AsyncHealthCheck check) {
        this.check = check;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return check.call().invoke(response -> up = response.getStatus() == HealthCheckResponse.Status.UP ? 1 : 0);
    }

    /** 1 UP, 0 DOWN, NaN before the first run; starts the next run in the background. */
    double refreshed() {
        run();
        return up;
    }

    void run() {
        call().subscribe().with(ignored -> {
        }, ignored -> {
        });
    }
}
