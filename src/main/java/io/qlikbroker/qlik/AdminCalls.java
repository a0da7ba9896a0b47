package io.qlikbroker.qlik;

import java.time.Clock;
import java.time.Duration;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.store.SharedStore;
import io.smallrye.mutiny.Uni;

/**
 * What every call of a tenant's admin client (users and groups) shares: one time budget per call, failures as
 * {@link BrokerException}s that name the admin client's settings, and Qlik's 429 pausing all of them, since they
 * count against one Tier 2 limit.
 */
final class AdminCalls {

    private final Duration timeout;
    private final RetryAfter retryAfter;
    private final RateLimitGate gate;

    AdminCalls(String tenant, Duration timeout, Clock clock, RetryAfter retryAfter, SharedStore store) {
        this.timeout = timeout;
        this.retryAfter = retryAfter;
        this.gate = new RateLimitGate(clock, retryAfter, "Qlik is limiting user and group changes; try again later.",
                store, tenant + ":admin");
    }

    <T> Uni<T> guard(Uni<T> call) {
        return gate.checkOpen().chain(() -> call).ifNoItem().after(timeout).failWith(() -> QlikErrorClassifier.timeout(timeout))
                .onFailure(failure -> !(failure instanceof BrokerException)).transform(this::translate);
    }

    private Throwable translate(Throwable failure) {
        if (!(failure instanceof QlikErrorResponse response)) {
            return QlikErrorClassifier.unreachable(failure);
        }
        BrokerException classified = QlikErrorClassifier.classifyProvisioning(response, retryAfter);
        return classified.kind() == ProblemKind.QLIK_RATE_LIMITED ? gate.close(response.retryAfter()) : classified;
    }
}
