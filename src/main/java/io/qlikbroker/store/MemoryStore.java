package io.qlikbroker.store;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/** {@code broker.store=memory}: nothing shared; each replica's own caches, limits and pauses are the whole truth. */
final class MemoryStore implements SharedStore {

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Uni<Optional<String>> get(String space, String key) {
        return Uni.createFrom().item(Optional.empty());
    }

    @Override
    public Uni<Void> put(String space, String key, String value, Duration ttl) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Optional<String>> take(String space, String key) {
        return Uni.createFrom().item(Optional.empty());
    }

    @Override
    public Uni<Boolean> lock(String space, String key, Duration ttl) {
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<Void> unlock(String space, String key) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Map<String, Window>> incrementAll(String space, Map<String, Long> byKey, Duration window) {
        return Uni.createFrom().item(Map.of());
    }

    @Override
    public Uni<Void> publish(String channel, String message) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public void subscribe(String channel, Consumer<String> handler) {
    }

    @Override
    public String nameOf(String space, String key) {
        return space + ":" + key;
    }
}
