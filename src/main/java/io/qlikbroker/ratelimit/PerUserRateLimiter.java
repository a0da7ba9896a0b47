package io.qlikbroker.ratelimit;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.store.SharedStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A token bucket per identity: {@code broker.rate-limit.per-user} requests a minute, refilled continuously.
 * Cached answers count too: a script hammering the route is abuse whether or not Qlik is called. Buckets of idle
 * users are dropped after a minute (a full bucket is the same as none) and their number is bounded. With a shared
 * store, replicas also count each identity's requests together ({@link SharedBudget}), so that N replicas do not
 * grant N times the budget.
 */
@ApplicationScoped
public class PerUserRateLimiter {

    static final long MAX_IDENTITIES = 100_000;

    private final Clock clock;
    private final int perMinute;
    private final double tokensPerMilli;
    private final Cache<String, Bucket> buckets;

    private final SharedStore store;
    private final SharedBudget shared;
    private final Vertx vertx;
    private final long flushTimer;

    PerUserRateLimiter(BrokerConfig config, Clock clock, SharedStore store, Vertx vertx) {
        this.clock = clock;
        this.store = store;
        this.vertx = vertx;
        this.perMinute = config.rateLimit().perUser();
        this.tokensPerMilli = perMinute / 60_000.0;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_IDENTITIES)
                .ticker(new ClockTicker(clock))
                .expireAfterAccess(Duration.ofMinutes(1))
                .build();
        this.shared = new SharedBudget(store, clock, perMinute, MAX_IDENTITIES);
        this.flushTimer = store.shared() ? vertx.setPeriodic(SharedBudget.FLUSH_MILLIS, id -> shared.flush()) : -1;
    }

    @PreDestroy
    void stop() {
        if (flushTimer >= 0) {
            vertx.cancelTimer(flushTimer);
        }
    }

    /** Takes one request from the identity's bucket, or throws 429 with the time until the next one is allowed. */
    public void acquire(String identity) {
        long waitMillis = buckets.get(identity, ignored -> new Bucket(perMinute, clock.millis()))
                .take(clock.millis(), perMinute, tokensPerMilli);
        if (waitMillis > 0) {
            throw refused(waitMillis);
        }
    }

    /** The identity's share of the deployment's budget; nothing to wait for without a shared store. */
    public Uni<Void> acquireShared(String identity) {
        if (!store.shared()) {
            return Uni.createFrom().voidItem();
        }
        return shared.acquire(identity, this::refused);
    }

    private BrokerException refused(long waitMillis) {
        return new BrokerException(ProblemKind.TOO_MANY_REQUESTS,
                "You asked for a token too often; at most " + perMinute + " a minute.", Duration.ofMillis(waitMillis));
    }

    private static final class Bucket {

        private double available;
        private long updatedAt;

        Bucket(double available, long now) {
            this.available = available;
            this.updatedAt = now;
        }

        /** 0 when a request was taken, else milliseconds until one will be available. */
        synchronized long take(long now, int capacity, double perMilli) {
            available = Math.min(capacity, available + Math.max(0, now - updatedAt) * perMilli);
            updatedAt = now;
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - available) / perMilli);
        }
    }
}
