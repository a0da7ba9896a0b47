package io.qlikbroker.ratelimit;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;

/**
 * A token bucket per identity: {@code broker.rate-limit.per-user} requests a minute, refilled continuously.
 * Cached answers count too: a script hammering the route is abuse whether or not Qlik is called. Buckets of idle
 * users are dropped after a minute (a full bucket is the same as none) and their number is bounded.
 */
@ApplicationScoped
public class PerUserRateLimiter {

    static final long MAX_IDENTITIES = 100_000;

    private final Clock clock;
    private final int perMinute;
    private final double tokensPerMilli;
    private final Cache<String, Bucket> buckets;

    PerUserRateLimiter(BrokerConfig config, Clock clock) {
        this.clock = clock;
        this.perMinute = config.rateLimit().perUser();
        this.tokensPerMilli = perMinute / 60_000.0;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_IDENTITIES)
                .ticker(new ClockTicker(clock))
                .expireAfterAccess(Duration.ofMinutes(1))
                .build();
    }

    /** Takes one request from the identity's bucket, or throws 429 with the time until the next one is allowed. */
    public void acquire(String identity) {
        long waitMillis = buckets.get(identity, ignored -> new Bucket(perMinute, clock.millis()))
                .take(clock.millis(), perMinute, tokensPerMilli);
        if (waitMillis > 0) {
            throw new BrokerException(ProblemKind.TOO_MANY_REQUESTS,
                    "You asked for a token too often; at most " + perMinute + " a minute.", Duration.ofMillis(waitMillis));
        }
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
