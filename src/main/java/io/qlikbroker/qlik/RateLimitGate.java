package io.qlikbroker.qlik;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;

/**
 * After Qlik answers 429, no call of that client goes upstream until its {@code Retry-After} has passed: hammering a
 * rate-limited tenant only extends the penalty, and the limit is shared by every user of the client. One per client
 * of a tenant.
 */
class RateLimitGate {

    private final Clock clock;
    private final RetryAfter retryAfter;
    private final String detail;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.MIN);

    /** {@code detail} tells the caller what is paused. */
    RateLimitGate(Clock clock, RetryAfter retryAfter, String detail) {
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.detail = detail;
    }

    /** Throws the 503 problem while the tenant's pause lasts. */
    void checkOpen() {
        Duration remaining = Duration.between(clock.instant(), closedUntil.get());
        if (!remaining.isNegative() && !remaining.isZero()) {
            throw rateLimited(remaining);
        }
    }

    /** Records Qlik's 429 (with its raw {@code Retry-After}, or null) and returns the problem for the caller. */
    BrokerException close(String retryAfterHeader) {
        Duration pause = retryAfter.pause(retryAfterHeader);
        Instant until = clock.instant().plus(pause);
        closedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
        return rateLimited(pause);
    }

    private BrokerException rateLimited(Duration remaining) {
        return new BrokerException(ProblemKind.QLIK_RATE_LIMITED, detail, remaining);
    }
}
