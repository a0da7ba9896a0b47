package io.qlikbroker.qlik;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;

/**
 * Asks the tenant for a user's impersonation token, and owns everything about that call: its time limit, the one
 * retry, the circuit breaker, the 429 pause, its metrics, and turning every failure into a {@link BrokerException}.
 * One per tenant, each with its own breaker and pause.
 */
public class ImpersonationClient {

    private static final Logger LOG = Logger.getLogger(ImpersonationClient.class);

    static final String CIRCUIT_BREAKER = "qlik-token-endpoint-";
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

    private final String tenant;
    private final QlikOAuthApi api;
    private final TenantSettings config;
    private final Clock clock;
    private final RateLimitGate rateLimitGate;
    private final BrokerMetrics metrics;
    private final Duration circuitDelay;
    private final TypedGuard<Uni<QlikTokenResponse>> guard;

    ImpersonationClient(String tenant, QlikOAuthApi api, TenantSettings config, BrokerConfig broker, Clock clock,
            BrokerMetrics metrics) {
        this.tenant = tenant;
        this.api = api;
        this.config = config;
        this.clock = clock;
        this.rateLimitGate = new RateLimitGate(clock, new RetryAfter(clock, broker.rateLimit().maxPause()));
        this.metrics = metrics;
        this.circuitDelay = broker.circuitBreaker().delay();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<QlikTokenResponse>>() {
        })
                .withDescription(CIRCUIT_BREAKER + tenant)
                // Only what a second attempt can fix: a dropped connection or a gateway error. Never a 4xx, whose
                // answer would not change, nor a timeout, which has already spent the caller's time.
                .withRetry().maxRetries(1).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
                .maxDuration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                .whenException(ImpersonationClient::isRetryable).done()
                .withCircuitBreaker().name(CIRCUIT_BREAKER + tenant)
                .requestVolumeThreshold(broker.circuitBreaker().requestVolume())
                .failureRatio(broker.circuitBreaker().failureRatio())
                .delay(circuitDelay.toMillis(), ChronoUnit.MILLIS)
                .when(ImpersonationClient::isTenantFault).done()
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    /** The user's token, recording each attempt in {@code trace} for the audit line. */
    public Uni<QlikToken> impersonate(UserLookup lookup, UpstreamTrace trace) {
        ImpersonationTokenRequest request = ImpersonationTokenRequest.of(
                config.clientId(), config.clientSecret(), lookup, config.scope());
        return Uni.createFrom().voidItem()
                .invoke(rateLimitGate::checkOpen)
                .chain(() -> guard.get(() -> attempt(request, trace)))
                // The whole call, retry included, never outlasts qlik.timeout.
                .ifNoItem().after(config.timeout()).failWith(TimeoutException::new)
                .map(response -> response.toToken(clock.instant()))
                .onFailure(failure -> !(failure instanceof BrokerException)).transform(this::translate);
    }

    /** Revokes a token at the tenant; failures are logged, never surfaced (the token is forgotten either way). */
    public Uni<Void> revoke(QlikToken token) {
        return api.revoke(RevokeRequest.accessToken(token.accessToken(), config.clientId(), config.clientSecret()))
                .ifNoItem().after(config.timeout()).fail()
                .invoke(response -> response.close())
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Revoking a token at the tenant failed: %s", failure.getClass().getName());
                    return null;
                });
    }

    public String circuitBreakerName() {
        return CIRCUIT_BREAKER + tenant;
    }

    private Uni<QlikTokenResponse> attempt(ImpersonationTokenRequest request, UpstreamTrace trace) {
        long start = System.nanoTime();
        return api.token(request)
                .onItemOrFailure().invoke((response, failure) -> recordAttempt(statusLabel(failure), start, trace))
                // A timeout cancels the attempt rather than failing it.
                .onCancellation().invoke(() -> recordAttempt("timeout", start, trace));
    }

    private void recordAttempt(String status, long startNanos, UpstreamTrace trace) {
        Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
        metrics.upstreamCall(tenant, status, latency);
        trace.attempt(status, latency);
    }

    private Throwable translate(Throwable failure) {
        if (failure instanceof QlikErrorResponse response) {
            return response.status() == 429
                    ? rateLimitGate.close(response.retryAfter())
                    : QlikErrorClassifier.classify(response);
        }
        if (failure instanceof TimeoutException) {
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
        return failure instanceof TimeoutException || isConnectionFailure(failure);
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
