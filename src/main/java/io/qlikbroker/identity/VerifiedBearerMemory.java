package io.qlikbroker.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.clock.ExpireAt;

/**
 * Bearer tokens that passed quarkus-oidc's full verification, by the SHA-256 of their bytes, until their own
 * {@code exp} at the latest. Bounded twice: by entries and by (estimated) bytes, so that neither many small tokens
 * nor fewer large ones can take more than the heap was sized for. Each entry weighs at least its share of the byte
 * bound, which is how the entry bound holds in a cache that Caffeine bounds by weight alone.
 */
final class VerifiedBearerMemory {

    private final Cache<String, RememberedBearer> verified;
    private final Collection<String> claimsInUse;

    VerifiedBearerMemory(Clock clock, long maxEntries, long maxBytes, Collection<String> claimsInUse) {
        long minimumWeight = Math.max(1, maxBytes / maxEntries);
        this.claimsInUse = claimsInUse;
        this.verified = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, RememberedBearer bearer) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(minimumWeight, bearer.estimatedBytes() + 2L * key.length())))
                .ticker(new ClockTicker(clock))
                // Forgotten when the token expires.
                .expireAfter(new ExpireAt<String, RememberedBearer>(clock, Duration.ZERO,
                        bearer -> Instant.ofEpochSecond(bearer.expirationTime())))
                .build();
    }

    Optional<RememberedBearer> recall(String key) {
        return Optional.ofNullable(verified.getIfPresent(key));
    }

    /** Keeps the verified token's name, the claims in use and its expiry; tokens without {@code exp} are not kept. */
    void remember(String key, JsonWebToken jwt) {
        if (jwt.getExpirationTime() <= 0) {
            return;
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String name : claimsInUse) {
            Object value = jwt.getClaim(name);
            if (value != null) {
                claims.put(name, value);
            }
        }
        verified.put(key, new RememberedBearer(jwt.getName(), Map.copyOf(claims), jwt.getExpirationTime()));
    }

    /** Entries and their estimated bytes, after pending evictions. */
    long[] usage() {
        verified.cleanUp();
        long bytes = verified.asMap().entrySet().stream()
                .mapToLong(entry -> entry.getValue().estimatedBytes() + 2L * entry.getKey().length()).sum();
        return new long[] { verified.estimatedSize(), bytes };
    }
}
