package io.qlikbroker.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.store.SharedStore;
import io.qlikbroker.testing.Configs;
import io.qlikbroker.testing.ManualClock;

/** The per-identity token bucket on its own: capacity, continuous refill, and the wait it reports. */
class PerUserRateLimiterTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-30T12:00:00Z"));
    private final PerUserRateLimiter limiter = new PerUserRateLimiter(Configs.broker("broker.rate-limit.per-user", "3"),
            clock, SharedStore.none(), null); // nothing shared: no flush timer, no Vert.x

    @Test
    void aFullBucketTakesItsCapacityThenRefusesWithTheWaitForTheNextRequest() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        BrokerException refused = assertThrows(BrokerException.class, () -> limiter.acquire("alice"));
        assertEquals(ProblemKind.TOO_MANY_REQUESTS, refused.kind());
        assertEquals(Duration.ofSeconds(20), refused.retryAfter().orElseThrow(), "3 a minute: one every 20 s");
    }

    @Test
    void eachIdentityHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        limiter.acquire("bob");
    }

    @Test
    void theBucketRefillsContinuously() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        clock.advance(Duration.ofSeconds(19));
        assertEquals(Duration.ofSeconds(1),
                assertThrows(BrokerException.class, () -> limiter.acquire("alice")).retryAfter().orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        limiter.acquire("alice");
        assertThrows(BrokerException.class, () -> limiter.acquire("alice"), "one request refilled, not more");
    }

    @Test
    void refusedRequestsDoNotDrainTheBucketFurther() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        for (int i = 0; i < 10; i++) {
            assertThrows(BrokerException.class, () -> limiter.acquire("alice"));
        }
        clock.advance(Duration.ofSeconds(20));
        limiter.acquire("alice");
    }
}
