package io.qlikbroker.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.store.SharedStore;
import io.qlikbroker.testing.Configs;
import io.smallrye.mutiny.Uni;

/** The cache itself: keys, bounds and expiry, without HTTP in the way. */
class TokenCacheTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private final AtomicInteger mints = new AtomicInteger();

    @Test
    void everyGrantParameterIsPartOfTheKey() {
        TokenCache cache = cache(100);
        TokenKey key = new TokenKey("default", "client", "subject", "alice", "user_default");
        get(cache, key);
        get(cache, key);
        get(cache, new TokenKey("default", "client", "subject", "alice", "user_default admin_classic"));
        get(cache, new TokenKey("default", "other-client", "subject", "alice", "user_default"));
        get(cache, new TokenKey("default", "client", "userId", "alice", "user_default"));
        get(cache, new TokenKey("default", "client", "subject", "bob", "user_default"));
        get(cache, new TokenKey("eu", "client", "subject", "alice", "user_default"));
        assertEquals(6, mints.get(), "one mint per distinct key, none for the repeat");
    }

    @Test
    void staysWithinMaxEntries() {
        TokenCache cache = cache(3);
        for (int i = 0; i < 20; i++) {
            get(cache, new TokenKey("default", "client", "subject", "user" + i, "user_default"));
        }
        cache.caffeine().synchronous().cleanUp();
        assertTrue(cache.caffeine().synchronous().estimatedSize() <= 3);
    }

    @Test
    void aTokenAlreadyInsideTheMarginIsNotKept() {
        TokenCache cache = cache(100);
        TokenKey key = new TokenKey("default", "client", "subject", "alice", "user_default");
        cache.get(key, () -> mint(Duration.ofMinutes(4))).await().indefinitely();
        cache.get(key, () -> mint(Duration.ofMinutes(4))).await().indefinitely();
        assertEquals(2, mints.get(), "a token with less than the 5-minute margin left is minted anew");
    }

    @Test
    void aWaiterThatLeavesDoesNotCancelTheSharedMint() {
        TokenCache cache = cache(100);
        TokenKey key = new TokenKey("default", "client", "subject", "alice", "user_default");
        java.util.concurrent.CompletableFuture<QlikToken> upstream = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean upstreamCancelled = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Supplier<Uni<QlikToken>> slowMint = () -> {
            mints.incrementAndGet();
            return Uni.createFrom().completionStage(upstream).onCancellation().invoke(() -> upstreamCancelled.set(true));
        };

        // The first caller disconnects while the mint is under way (Quarkus cancels its subscription) ...
        io.smallrye.mutiny.subscription.Cancellable leaving = cache.get(key, slowMint).subscribe()
                .with(token -> {
                }, failure -> {
                });
        java.util.concurrent.CompletableFuture<CachedToken> staying = cache.get(key, slowMint)
                .subscribeAsCompletionStage();
        leaving.cancel();

        // ... the one still waiting gets the token, and the upstream call was neither aborted nor repeated.
        QlikToken minted = new QlikToken("shared", "bearer", clock.instant().plus(Duration.ofHours(6)));
        upstream.complete(minted);
        assertEquals(minted, staying.join().token());
        assertEquals(false, upstreamCancelled.get(), "the upstream call was aborted");
        assertEquals(1, mints.get());
        assertEquals(minted, cache.get(key, slowMint).await().indefinitely().token(), "and it is cached for the next");
    }

    private void get(TokenCache cache, TokenKey key) {
        cache.get(key, () -> mint(Duration.ofHours(6))).await().indefinitely();
    }

    private Uni<QlikToken> mint(Duration lifetime) {
        return Uni.createFrom().item(() -> new QlikToken("t" + mints.incrementAndGet(), "bearer",
                clock.instant().plus(lifetime)));
    }

    /** The defaults of broker.cache.*, with nothing shared between replicas. */
    private TokenCache cache(int maxEntries) {
        BrokerConfig.Cache config = Configs.broker("broker.cache.max-entries", String.valueOf(maxEntries)).cache();
        return new TokenCache(config.enabled(), config.maxEntries(), config.refreshMargin(), clock, SharedStore.none(),
                Duration.ofSeconds(6));
    }
}
