package io.qlikbroker.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A Caffeine expiry for values that carry their own deadline (a token's expiry), less a margin, on the injected
 * clock. Reads and updates never extend it.
 */
public record ExpireAt<K, V>(Clock clock, Duration margin, Function<V, Instant> deadline) implements Expiry<K, V> {

    /** A far-future deadline from a confused issuer must not overflow Caffeine's nanosecond arithmetic. */
    static final Duration LONGEST = Duration.ofDays(1);

    @Override
    public long expireAfterCreate(K key, V value, long currentTime) {
        Duration left = Duration.between(clock.instant(), deadline.apply(value).minus(margin));
        if (left.isNegative()) {
            return 0;
        }
        return left.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : left.toNanos();
    }

    @Override
    public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
