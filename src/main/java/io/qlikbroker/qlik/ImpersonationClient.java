package io.qlikbroker.qlik;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.credentials.ClientCredential;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.domain.UpstreamTrace;
import io.qlikbroker.domain.UserLookup;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.store.SharedStore;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;

/**
 * Asks the tenant for a user's impersonation token, and owns everything about that call but its per-attempt time
 * limit (the REST client's, see {@link TenantConnection}): the call's budget, the one retry, the circuit breaker, the
 * 429 pause, its metrics, and turning every failure into a {@link BrokerException}.
 * One per tenant, each with its own breaker and pause.
 */
public class ImpersonationClient {

    private static final Logger LOG = Logger.getLogger(ImpersonationClient.class);

    static final String CIRCUIT_BREAKER = "qlik-token-endpoint-";
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

    private final String tenant;
    private final String breakerName;
    private final QlikOAuthApi api;
    private final TenantSettings config;
    private final ClientCredential credential;
    private final Clock clock;
    private final RateLimitGate rateLimitGate;
    private final BrokerMetrics metrics;
    private final Duration circuitDelay;
    private final TypedGuard<Uni<QlikTokenResponse>> guard;

    ImpersonationClient(String tenant, QlikOAuthApi api, TenantSettings config, ClientCredential credential,
            BrokerConfig broker, Clock clock, BrokerMetrics metrics, RetryAfter retryAfter, SharedStore store) {
        this.credential = credential;
        this.tenant = tenant;
        this.breakerName = CIRCUIT_BREAKER + tenant;
        this.api = api;
        this.config = config;
        this.clock = clock;
        this.rateLimitGate = new RateLimitGate(clock, retryAfter, "Qlik is limiting token requests; try again later.",
                store, tenant + ":impersonation");
        this.metrics = metrics;
        this.circuitDelay = broker.circuitBreaker().delay();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<QlikTokenResponse>>() {
        })
                .withDescription(breakerName)
                // Only what a second attempt can fix: a dropped connection or a gateway error. Never a 4xx, whose
                // answer would not change, nor a timeout, which has already spent the caller's time.
                .withRetry().maxRetries(1).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
                .whenException(ImpersonationClient::isRetryable).done()
                .withCircuitBreaker().name(breakerName)
                .requestVolumeThreshold(broker.circuitBreaker().requestVolume())
                .failureRatio(broker.circuitBreaker().failureRatio())
                .delay(circuitDelay.toMillis(), ChronoUnit.MILLIS)
                .when(ImpersonationClient::isTenantFault).done()
                .build();
    }

    /**
     * The user's token, recording each attempt in {@code trace} for the audit line. When Qlik refuses the client
     * and its credential file changed meanwhile (a rotation under way), the call is made once more with the new one.
     */
    public Uni<QlikToken> impersonate(UserLookup lookup, UpstreamTrace trace) {
        long version = credential.version();
        return call(lookup, trace)
                .onFailure(failure -> failure instanceof BrokerException broker
                        && broker.kind() == ProblemKind.QLIK_CLIENT_REJECTED && credential.version() != version)
                .recoverWithUni(() -> call(lookup, trace));
    }

    private Uni<QlikToken> call(UserLookup lookup, UpstreamTrace trace) {
        return rateLimitGate.checkOpen()
                .chain(() -> {
                    // Each attempt has qlik.timeout from when it is sent (TenantConnection); the retry is only
                    // started while the call's own qlik.timeout lasts.
                    long deadline = System.nanoTime() + config.timeout().toNanos();
                    return guard.get(() -> attempt(lookup, trace, deadline));
                })
                .map(response -> response.toToken(clock.instant()))
                .onFailure(failure -> !(failure instanceof BrokerException)).transform(this::translate);
    }

    /**
     * Revokes a token at the tenant, within qlik.timeout (the REST client's, see {@link TenantConnection}); failures
     * are logged, never surfaced (the token is forgotten either way).
     */
    public Uni<Void> revoke(QlikToken token) {
        return api.revoke(RevokeRequest.accessToken(token.accessToken(), config.clientId(), credential.proof()))
                .invoke(response -> response.close())
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Revoking a token at the tenant failed: %s", failure.getClass().getName());
                    return null;
                });
    }

    public String circuitBreakerName() {
        return breakerName;
    }

    /**
     * One attempt, if the call's budget has not run out. An attempt that would start with nothing left is not made:
     * it fails as {@link BudgetSpent}, which neither the retry nor the circuit breaker counts against the tenant (the
     * time went to the earlier attempt and the retry delay, not to this one).
     */
    private Uni<QlikTokenResponse> attempt(UserLookup lookup, UpstreamTrace trace, long deadline) {
        if (System.nanoTime() >= deadline) {
            return Uni.createFrom().failure(new BudgetSpent());
        }
        // A proof per attempt: an assertion's jti is never sent twice, a retry included.
        ImpersonationTokenRequest request = ImpersonationTokenRequest.of(config.clientId(), credential.proof(), lookup,
                config.scope());
        long start = System.nanoTime();
        return api.token(request)
                .onItemOrFailure().invoke((response, failure) -> recordAttempt(statusLabel(failure), start, trace));
    }

    /** The call's budget ran out before an attempt could start. */
    static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super("qlik.timeout spent before the attempt", null, false, false);
        }
    }

    private void recordAttempt(String status, long startNanos, UpstreamTrace trace) {
        Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
        metrics.upstreamCall(tenant, status, latency);
        trace.attempt(status, latency);
    }

    private Throwable translate(Throwable failure) {
        if (failure instanceof QlikErrorResponse response) {
            return response.status() == 429
                    ? QlikErrorClassifier.observed(response, rateLimitGate.close(response.retryAfter()))
                    : QlikErrorClassifier.classify(response);
        }
        if (isTimeout(failure) || failure instanceof BudgetSpent) {
            return QlikErrorClassifier.timeout(config.timeout());
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new BrokerException(ProblemKind.QLIK_CIRCUIT_OPEN,
                    "Qlik has been failing; the broker is pausing calls to it. Try again shortly.", circuitDelay);
        }
        return QlikErrorClassifier.unreachable(failure);
    }

    private static String statusLabel(Throwable failure) {
        if (failure == null) {
            return "200";
        }
        if (isTimeout(failure)) {
            return "timeout";
        }
        if (failure instanceof QlikErrorResponse response) {
            return String.valueOf(response.status());
        }
        return "error";
    }

    static boolean isRetryable(Throwable failure) {
        if (failure instanceof QlikErrorResponse response) {
            return RETRYABLE_STATUSES.contains(response.status());
        }
        return isConnectionFailure(failure);
    }

    /** What counts against the circuit breaker: the tenant failing, not the tenant refusing a request. */
    static boolean isTenantFault(Throwable failure) {
        if (failure instanceof QlikErrorResponse response) {
            return response.status() >= 500;
        }
        return isTimeout(failure) || isConnectionFailure(failure);
    }

    /**
     * The attempt's time limit ran out: the REST client's request timeout (Vert.x reports it wrapped, as a
     * {@link TimeoutException}), armed once the request has its connection, so that time the broker itself took
     * before sending is never counted against the tenant.
     */
    static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException) {
                return false;
            }
            if (cause instanceof IOException || cause instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }
}
