package io.qlikbroker.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.clock.ExpireAt;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.store.SharedLoad;
import io.qlikbroker.store.SharedStore;
import io.smallrye.mutiny.Uni;

/**
 * Each user's Qlik token, reused until {@code broker.cache.refresh-margin} before it expires. In memory, Caffeine
 * gives single-flight for free: concurrent requests for one key share the one pending mint, and a failed mint is
 * dropped, so the next request tries again. With a shared store this memory is each replica's near-cache in front of
 * the deployment's one token per key: a miss reads the store, and only the replica holding the key's lock mints.
 * Forgetting a token removes it from the store and tells every replica to drop its copy. Expiry follows the injected
 * {@link Clock}.
 */
@ApplicationScoped
public class TokenCache {

    static final String SPACE = "token";
    static final String FORGOTTEN = "forgotten";

    private final AsyncCache<TokenKey, QlikToken> tokens;
    private final boolean enabled;
    private final Clock clock;
    private final Duration margin;
    private final SharedStore store;
    private final SharedLoad<QlikToken> shared;
    /** Store name of each key held here, and back: a forgotten name drops its copy. Empty without a shared store. */
    private final Map<TokenKey, String> names = new ConcurrentHashMap<>();
    private final Map<String, TokenKey> keys = new ConcurrentHashMap<>();

    @Inject
    TokenCache(BrokerConfig config, QlikConfig qlik, Clock clock, SharedStore store) {
        // A call to Qlik is at most two attempts, each limited by qlik.timeout from when it is sent.
        this(config.cache().enabled(), config.cache().maxEntries(), config.cache().refreshMargin(), clock, store,
                longestCall(qlik).multipliedBy(2).plusSeconds(1));
    }

    TokenCache(boolean enabled, long maxEntries, Duration margin, Clock clock, SharedStore store, Duration lockTtl) {
        this.enabled = enabled;
        this.clock = clock;
        this.margin = margin;
        this.store = store;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(new ClockTicker(clock))
                // Reusable from its minting until the margin before Qlik's expiry.
                .expireAfter(new ExpireAt<TokenKey, QlikToken>(clock, margin, QlikToken::expiresAt))
                // Synchronous, unlike a removal listener: a late callback must not unindex a key loaded again.
                .evictionListener((TokenKey key, QlikToken token, RemovalCause cause) -> forgetName(key))
                .recordStats()
                .buildAsync();
        // Same rule in the store: an entry lives until the refresh margin before Qlik's expiry.
        this.shared = new SharedLoad<>(store, SPACE, lockTtl, TokenCache::encode, this::decode, this::reusableFor);
        store.subscribe(FORGOTTEN, this::dropCopy);
    }

    /** A mint can take one whole tenant call; a lock held longer than that belongs to a replica that died. */
    private static Duration longestCall(QlikConfig qlik) {
        Duration longest = qlik.timeout();
        for (QlikConfig.NamedTenant tenant : qlik.tenants().values()) {
            longest = tenant.timeout().compareTo(longest) > 0 ? tenant.timeout() : longest;
        }
        return longest;
    }

    /** The cached token for {@code key}, or the one {@code mint} produces, shared by all concurrent callers. */
    public Uni<CachedToken> get(TokenKey key, Supplier<Uni<QlikToken>> mint) {
        if (!enabled) {
            return mint.get().map(token -> new CachedToken(token, true));
        }
        AtomicBoolean minted = new AtomicBoolean();
        CompletableFuture<QlikToken> pending = tokens.get(key, (k, executor) -> {
            if (store.shared()) {
                remember(k);
            }
            return shared.get(key.id(), () -> {
                minted.set(true);
                return mint.get();
            }).onFailure().invoke(() -> forgetName(k)).subscribeAsCompletionStage();
        });
        // Each waiter gets its own copy: a caller that disconnects cancels its copy, never the mint the others share.
        return Uni.createFrom().completionStage(pending.copy()).map(token -> new CachedToken(token, minted.get()));
    }

    /**
     * Forgets the token of {@code key} here and in the store, and tells every replica to drop its copy. Returns the
     * token if one had been issued: exactly one replica gets it, so that it is revoked once.
     */
    public Uni<Optional<QlikToken>> evict(TokenKey key) {
        Optional<QlikToken> local = removeCopy(key);
        if (!store.shared()) {
            return Uni.createFrom().item(local);
        }
        return shared.take(key.id())
                .map(stored -> local.isPresent() ? local : stored)
                .call(() -> store.publish(FORGOTTEN, store.nameOf(SPACE, key.id())));
    }

    /** The underlying cache, for metrics only. */
    public AsyncCache<TokenKey, QlikToken> caffeine() {
        return tokens;
    }

    private Optional<QlikToken> removeCopy(TokenKey key) {
        forgetName(key);
        CompletableFuture<QlikToken> removed = tokens.asMap().remove(key);
        if (removed == null || !removed.isDone() || removed.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(removed.join());
    }

    private void remember(TokenKey key) {
        String name = store.nameOf(SPACE, key.id());
        names.put(key, name);
        keys.put(name, key);
    }

    private void forgetName(TokenKey key) {
        String name = key == null ? null : names.remove(key);
        if (name != null) {
            keys.remove(name, key);
        }
    }

    private void dropCopy(String name) {
        TokenKey key = keys.get(name);
        if (key != null) {
            removeCopy(key);
        }
    }

    private Duration reusableFor(QlikToken token) {
        return Duration.between(clock.instant(), token.expiresAt().minus(margin));
    }

    private static String encode(QlikToken token) {
        return token.expiresAt().toEpochMilli() + "\n" + token.tokenType() + "\n" + token.accessToken();
    }

    /** A stored token still reusable here; empty for a malformed or nearly expired one (it is minted again). */
    private Optional<QlikToken> decode(String stored) {
        String[] parts = stored.split("\n", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            QlikToken token = new QlikToken(parts[2], parts[1], Instant.ofEpochMilli(Long.parseLong(parts[0])));
            return reusableFor(token).isNegative() ? Optional.empty() : Optional.of(token);
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }
}
