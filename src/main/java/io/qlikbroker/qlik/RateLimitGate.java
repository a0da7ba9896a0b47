package io.qlikbroker.qlik;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.store.SharedStore;
import io.smallrye.mutiny.Uni;

/**
 * After Qlik answers 429, no call of that client goes upstream until its {@code Retry-After} has passed: hammering a
 * rate-limited tenant only extends the penalty, and the limit is shared by every user of the client. One per client
 * of a tenant. With a shared store the pause is the deployment's: the replica that saw the 429 records it, and the
 * others read it before calling.
 */
class RateLimitGate {

    static final String SPACE = "pause";

    private final Clock clock;
    private final RetryAfter retryAfter;
    private final String detail;
    private final SharedStore store;
    private final String name;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.MIN);

    /** {@code detail} tells the caller what is paused; {@code name} is the client's, shared by its replicas. */
    RateLimitGate(Clock clock, RetryAfter retryAfter, String detail, SharedStore store, String name) {
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.detail = detail;
        this.store = store;
        this.name = name;
    }

    /** Fails with the 503 problem while the pause lasts, this replica's or one another replica recorded. */
    Uni<Void> checkOpen() {
        Optional<BrokerException> paused = paused();
        if (paused.isPresent()) {
            return Uni.createFrom().failure(paused.get());
        }
        if (!store.shared()) {
            return Uni.createFrom().voidItem();
        }
        return store.get(SPACE, name).chain(until -> {
            until.flatMap(RateLimitGate::instant).ifPresent(this::closeUntil);
            return paused().<Uni<Void>> map(Uni.createFrom()::failure).orElseGet(Uni.createFrom()::voidItem);
        });
    }

    /** Records Qlik's 429 (with its raw {@code Retry-After}, or null) and returns the problem for the caller. */
    BrokerException close(String retryAfterHeader) {
        Duration pause = retryAfter.pause(retryAfterHeader);
        Instant until = clock.instant().plus(pause);
        closeUntil(until);
        store.put(SPACE, name, Long.toString(until.toEpochMilli()), pause).subscribe().with(ignored -> {
        });
        return rateLimited(pause);
    }

    private Optional<BrokerException> paused() {
        Duration remaining = Duration.between(clock.instant(), closedUntil.get());
        return remaining.isNegative() || remaining.isZero() ? Optional.empty() : Optional.of(rateLimited(remaining));
    }

    private void closeUntil(Instant until) {
        closedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    private static Optional<Instant> instant(String epochMillis) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(epochMillis)));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }

    private BrokerException rateLimited(Duration remaining) {
        return new BrokerException(ProblemKind.QLIK_RATE_LIMITED, detail, remaining);
    }
}
