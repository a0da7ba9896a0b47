package io.qlikbroker.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.clock.ExpireAt;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.domain.QlikToken;
import io.smallrye.mutiny.Uni;

/**
 * Each user's Qlik token, reused until {@code broker.cache.refresh-margin} before it expires. Caffeine gives
 * single-flight for free: concurrent requests for one key share the one pending mint, and a failed mint is dropped,
 * so the next request tries again. Memory only, bounded, and expiry follows the injected {@link Clock}.
 */
@ApplicationScoped
public class TokenCache {

    private final AsyncCache<TokenKey, QlikToken> tokens;
    private final boolean enabled;

    @Inject
    TokenCache(BrokerConfig config, Clock clock) {
        this(config.cache().enabled(), config.cache().maxEntries(), config.cache().refreshMargin(), clock);
    }

    TokenCache(boolean enabled, long maxEntries, Duration margin, Clock clock) {
        this.enabled = enabled;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(new ClockTicker(clock))
                // Reusable from its minting until the margin before Qlik's expiry.
                .expireAfter(new ExpireAt<TokenKey, QlikToken>(clock, margin, QlikToken::expiresAt))
                .recordStats()
                .buildAsync();
    }

    /** The cached token for {@code key}, or the one {@code mint} produces, shared by all concurrent callers. */
    public Uni<CachedToken> get(TokenKey key, Supplier<Uni<QlikToken>> mint) {
        if (!enabled) {
            return mint.get().map(token -> new CachedToken(token, true));
        }
        AtomicBoolean minted = new AtomicBoolean();
        CompletableFuture<QlikToken> pending = tokens.get(key, (k, executor) -> {
            minted.set(true);
            return mint.get().subscribeAsCompletionStage();
        });
        // Each waiter gets its own copy: a caller that disconnects cancels its copy, never the mint the others share.
        return Uni.createFrom().completionStage(pending.copy()).map(token -> new CachedToken(token, minted.get()));
    }

    /** Forgets the token of {@code key}, returning it if one had been issued. */
    public Optional<QlikToken> evict(TokenKey key) {
        CompletableFuture<QlikToken> removed = tokens.asMap().remove(key);
        if (removed == null || !removed.isDone() || removed.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(removed.join());
    }

    /** The underlying cache, for metrics only. */
    public AsyncCache<TokenKey, QlikToken> caffeine() {
        return tokens;
    }
}
