package io.qlikbroker.store;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * State that the broker's replicas share: values with a time to live, short locks, counters per window and
 * broadcast messages. With {@code broker.store=memory} nothing is shared and every answer is the one-replica
 * answer (absent, lock won, nothing counted). A shared store never fails a caller: when it cannot answer within
 * {@code broker.store.timeout}, it answers the same way, and the broker goes on with its own state.
 */
public interface SharedStore {

    /** Whether other replicas see what this one writes. */
    boolean shared();

    Uni<Optional<String>> get(String space, String key);

    /** Stores {@code value} for {@code ttl}; nothing for a ttl that is not positive. */
    Uni<Void> put(String space, String key, String value, Duration ttl);

    /** Removes the value and returns it: exactly one replica gets it. */
    Uni<Optional<String>> take(String space, String key);

    /** True when this replica now holds the lock, for at most {@code ttl}. */
    Uni<Boolean> lock(String space, String key, Duration ttl);

    /** Releases a lock this replica holds (never another replica's). */
    Uni<Void> unlock(String space, String key);

    /**
     * Adds {@code by} to the counter of {@code key}, whose window of {@code window} starts with its first count: the
     * new count and the time left in the window, or empty when unknown.
     */
    default Uni<Optional<Window>> increment(String space, String key, long by, Duration window) {
        return incrementAll(space, Map.of(key, by), window).map(windows -> Optional.ofNullable(windows.get(key)));
    }

    /** {@link #increment} for many keys in one call: the windows of those the store could count. */
    Uni<Map<String, Window>> incrementAll(String space, Map<String, Long> byKey, Duration window);

    record Window(long count, Duration remaining) {
    }

    /** Sends {@code message} to every replica's subscriber of {@code channel}, this one's included. */
    Uni<Void> publish(String channel, String message);

    void subscribe(String channel, Consumer<String> handler);

    /** The store's name for {@code key}: what to publish about it, since it holds no user data. */
    String nameOf(String space, String key);

    /** A store that shares nothing: {@code broker.store=memory}, and unit tests. */
    static SharedStore none() {
        return new MemoryStore();
    }
}
