package io.qlikbroker.store;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * A value every replica reuses: read from the store, else made by the one replica that takes the lock while the
 * others poll for its result. A holder that fails releases the lock and the next poller takes over; one that dies
 * holds the others up for at most the lock's time to live. Without a shared store (or while Redis is away) it is just
 * {@code load}.
 */
public final class SharedLoad<T> {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final String LOCKS = ":lock";

    private final SharedStore store;
    private final String space;
    private final Duration lockTtl;
    private final Function<T, String> encode;
    private final Function<String, Optional<T>> decode;
    private final Function<T, Duration> ttl;

    /**
     * @param ttl how long a value stays shared; not stored when it is not positive
     * @param decode empty for a stored value that is no longer usable
     */
    public SharedLoad(SharedStore store, String space, Duration lockTtl, Function<T, String> encode,
            Function<String, Optional<T>> decode, Function<T, Duration> ttl) {
        this.store = store;
        this.space = space;
        this.lockTtl = lockTtl;
        this.encode = encode;
        this.decode = decode;
        this.ttl = ttl;
    }

    public Uni<T> get(String key, Supplier<Uni<T>> load) {
        if (!store.shared()) {
            return load.get();
        }
        long deadline = System.nanoTime() + lockTtl.toNanos();
        return attempt(key, load, deadline);
    }

    /** Stores a value made elsewhere (a newer token), or forgets it. */
    public Uni<Void> put(String key, T value) {
        return store.put(space, key, encode.apply(value), ttl.apply(value));
    }

    public Uni<Optional<T>> take(String key) {
        return store.take(space, key).map(found -> found.flatMap(decode));
    }

    private Uni<T> attempt(String key, Supplier<Uni<T>> load, long deadline) {
        return stored(key).chain(found -> {
            if (found.isPresent()) {
                return Uni.createFrom().item(found.get());
            }
            return store.lock(space + LOCKS, key, lockTtl).chain(won -> {
                if (won) {
                    // The read and the lock are two calls: the holder before may have shared its value in between.
                    return stored(key).chain(again -> again.isPresent()
                            ? store.unlock(space + LOCKS, key).replaceWith(again.get())
                            : loadAndShare(key, load));
                }
                if (System.nanoTime() > deadline) {
                    return loadAndShare(key, load);
                }
                return Uni.createFrom().voidItem().onItem().delayIt().by(POLL).chain(() -> attempt(key, load, deadline));
            });
        });
    }

    private Uni<T> loadAndShare(String key, Supplier<Uni<T>> load) {
        return load.get().call(value -> put(key, value)).eventually(() -> store.unlock(space + LOCKS, key));
    }

    private Uni<Optional<T>> stored(String key) {
        return store.get(space, key).map(found -> found.flatMap(decode));
    }
}
