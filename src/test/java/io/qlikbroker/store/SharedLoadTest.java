package io.qlikbroker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** One value per key for the whole deployment, whichever way two replicas' calls interleave. */
class SharedLoadTest {

    private static final String KEY = "alice";

    private final AtomicInteger made = new AtomicInteger();

    private Uni<String> make() {
        made.incrementAndGet();
        return Uni.createFrom().item("made here");
    }

    private static SharedLoad<String> sharedLoad(SharedStore store) {
        return new SharedLoad<>(store, "tokens", Duration.ofSeconds(2), value -> value, Optional::of,
                value -> Duration.ofMinutes(1));
    }

    @Test
    void aValueSharedBetweenTheReadAndTheLockIsTakenNotMadeAgain() {
        // The other replica held the lock while this one read: it shared its value and let go just before this one
        // asked for the lock.
        Redis store = new Redis();
        store.afterFirstRead = () -> store.values.put(KEY, "made there");

        assertEquals("made there", sharedLoad(store).get(KEY, this::make).await().indefinitely());
        assertEquals(0, made.get(), "made a second time");
        assertFalse(store.locks.contains(KEY), "the lock is let go");
    }

    @Test
    void aValueNobodyHasIsMadeOnceSharedAndTheLockLetGo() {
        Redis store = new Redis();

        assertEquals("made here", sharedLoad(store).get(KEY, this::make).await().indefinitely());
        assertEquals(1, made.get());
        assertEquals("made here", store.values.get(KEY));
        assertFalse(store.locks.contains(KEY));
    }

    /** Redis as SharedLoad uses it: values and NX locks, answered at once. */
    private static final class Redis implements SharedStore {

        final Map<String, String> values = new HashMap<>();
        final Set<String> locks = new HashSet<>();
        Runnable afterFirstRead = () -> {
        };

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public Uni<Optional<String>> get(String space, String key) {
            Optional<String> found = Optional.ofNullable(values.get(key));
            afterFirstRead.run();
            afterFirstRead = () -> {
            };
            return Uni.createFrom().item(found);
        }

        @Override
        public Uni<Void> put(String space, String key, String value, Duration ttl) {
            values.put(key, value);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Boolean> lock(String space, String key, Duration ttl) {
            return Uni.createFrom().item(locks.add(key));
        }

        @Override
        public Uni<Void> unlock(String space, String key) {
            locks.remove(key);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Optional<String>> take(String space, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Map<String, Window>> incrementAll(String space, Map<String, Long> byKey, Duration window) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Void> publish(String channel, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void subscribe(String channel, Consumer<String> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String nameOf(String space, String key) {
            return space + key;
        }
    }
}
