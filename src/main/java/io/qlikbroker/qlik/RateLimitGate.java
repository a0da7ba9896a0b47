package io.qlikbroker.qlik;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;

/**
 * After Qlik answers 429, no token request goes upstream until its {@code Retry-After} has passed: hammering a
 * rate-limited tenant only extends the penalty, and the limit is shared by every user of the client. One per tenant.
 */
class RateLimitGate {

    private final Clock clock;
    private final RetryAfter retryAfter;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.MIN);

    RateLimitGate(Clock clock, RetryAfter retryAfter) {
        this.clock = clock;
        this.retryAfter = retryAfter;
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

    private static BrokerException rateLimited(Duration remaining) {
        return new BrokerException(ProblemKind.QLIK_RATE_LIMITED, "Qlik is limiting token requests; try again later.",
                remaining);
    }
}
