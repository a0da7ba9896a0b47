package io.qlikbroker.store;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.qlikbroker.metrics.BrokerMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * {@code broker.store=redis}: every value sealed by {@link StoreCipher} under a hashed name, every call bounded by
 * {@code broker.store.timeout}. A call that fails answers as a lone replica would; a refused connection, or three
 * failures in a row (one late answer on a busy machine is not an outage), mark Redis unavailable: from then on calls
 * answer without waiting, until the next one-a-second ping succeeds, which also subscribes the channels again. The
 * token route therefore waits on a Redis that is down at most a few timeouts, once.
 */
final class RedisStore implements SharedStore {

    private static final Logger LOG = Logger.getLogger(RedisStore.class);
    private static final int FAILURES_IN_A_ROW = 3;
    private static final Duration FIRST_PING_LIMIT = Duration.ofSeconds(2);
    /** Deletes the lock only if it still holds this replica's value: an expired lock may be another's by now. */
    private static final String UNLOCK = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) "
            + "else return 0 end";
    /** Adds each key's amount (ARGV in key order, then the window); a key's window starts with its first count. */
    private static final String INCREMENT_ALL = "local out = {} for i, key in ipairs(KEYS) do "
            + "local by = tonumber(ARGV[i]) local n = redis.call('INCRBY', key, by) "
            + "if n == by then redis.call('PEXPIRE', key, ARGV[#ARGV]) end "
            + "out[#out + 1] = n out[#out + 1] = redis.call('PTTL', key) end return out";

    private final ReactiveRedisDataSource redis;
    private final ReactivePubSubCommands<String> pubsub;
    private final StoreCipher cipher;
    private final String prefix;
    private final Duration timeout;
    private final BrokerMetrics metrics;
    /** This replica's lock value: random, so that it never releases another replica's lock. */
    private final String owner = randomOwner();
    private final Map<String, Consumer<String>> subscriptions = new ConcurrentHashMap<>();

    private final AtomicBoolean available = new AtomicBoolean();
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicBoolean unreadableLogged = new AtomicBoolean();

    RedisStore(ReactiveRedisDataSource redis, StoreCipher cipher, String prefix, Duration timeout, BrokerMetrics metrics) {
        this.redis = redis;
        this.pubsub = redis.pubsub(String.class);
        this.cipher = cipher;
        this.prefix = prefix;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** Whether the last call or ping reached Redis: what the {@code broker-store} wellness check reports. */
    boolean available() {
        return available.get();
    }

    @Override
    public Uni<Optional<String>> get(String space, String key) {
        String name = name(space, key);
        return call("get", redis.execute("GET", name), Optional.<String> empty(), response -> open(name, response));
    }

    @Override
    public Uni<Void> put(String space, String key, String value, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            return Uni.createFrom().voidItem();
        }
        String name = name(space, key);
        return call("put", redis.execute("SET", name, cipher.seal(name, value), "PX", Long.toString(ttl.toMillis())),
                null, response -> null);
    }

    @Override
    public Uni<Optional<String>> take(String space, String key) {
        String name = name(space, key);
        return call("take", redis.execute("GETDEL", name), Optional.<String> empty(), response -> open(name, response));
    }

    @Override
    public Uni<Boolean> lock(String space, String key, Duration ttl) {
        return call("lock", redis.execute("SET", name(space, key), owner, "NX", "PX", Long.toString(ttl.toMillis())),
                true, response -> response != null);
    }

    @Override
    public Uni<Void> unlock(String space, String key) {
        return call("unlock", redis.execute("EVAL", UNLOCK, "1", name(space, key), owner), null, response -> null);
    }

    @Override
    public Uni<Map<String, Window>> incrementAll(String space, Map<String, Long> byKey, Duration window) {
        List<String> keys = List.copyOf(byKey.keySet());
        List<String> arguments = new ArrayList<>(List.of(INCREMENT_ALL, Integer.toString(keys.size())));
        keys.forEach(key -> arguments.add(name(space, key)));
        keys.forEach(key -> arguments.add(Long.toString(byKey.get(key))));
        arguments.add(Long.toString(window.toMillis()));
        return call("increment", redis.execute("EVAL", arguments.toArray(String[]::new)), Map.<String, Window> of(),
                response -> {
                    Map<String, Window> windows = new HashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        windows.put(keys.get(i), new Window(response.get(2 * i).toLong(),
                                Duration.ofMillis(Math.max(0, response.get(2 * i + 1).toLong()))));
                    }
                    return windows;
                });
    }

    @Override
    public Uni<Void> publish(String channel, String message) {
        return call("publish", pubsub.publish(prefix + channel, message), null, ignored -> null);
    }

    @Override
    public void subscribe(String channel, Consumer<String> handler) {
        subscriptions.put(prefix + channel, handler);
        if (available()) {
            listen(prefix + channel, handler);
        }
    }

    private static String randomOwner() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@link #ping(Duration)} within {@code broker.store.timeout}. */
    CompletionStage<Void> ping() {
        return ping(timeout);
    }

    /**
     * The first ping: it also opens the connection, on a JVM that is still cold, which can take longer than a call
     * (TCP and TLS handshakes, the client's own set-up).
     */
    CompletionStage<Void> firstPing() {
        return ping(timeout.compareTo(FIRST_PING_LIMIT) > 0 ? timeout : FIRST_PING_LIMIT);
    }

    /**
     * Asks Redis whether it is there; on the way back up, subscribes again (the old subscriptions died with it). The
     * stage completes when the ping has ended, answered or not, within {@code limit}.
     */
    private CompletionStage<Void> ping(Duration limit) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        redis.execute("PING").ifNoItem().after(limit).fail().subscribe().with(pong -> {
            failuresInARow.set(0);
            if (available.compareAndSet(false, true)) {
                LOG.info("Redis is reachable: replicas share tokens, limits and pauses");
                subscriptions.forEach(this::listen);
            }
            ended.complete(null);
        }, failure -> {
            unavailable("ping", failure);
            ended.complete(null);
        });
        return ended;
    }

    private void listen(String channel, Consumer<String> handler) {
        pubsub.subscribe(channel, handler, () -> {
        }, failure -> unavailable("subscribe", failure))
                .ifNoItem().after(timeout).fail()
                .subscribe().with(subscribed -> {
                }, failure -> unavailable("subscribe", failure));
    }

    private <R> Uni<R> call(String operation, Uni<?> command, R whenUnavailable,
            Function<Response, R> read) {
        if (!available()) {
            return Uni.createFrom().item(whenUnavailable);
        }
        return command.ifNoItem().after(timeout).fail()
                .invoke(() -> failuresInARow.set(0))
                .map(response -> read.apply((Response) response))
                .onFailure().recoverWithItem(failure -> {
                    unavailable(operation, failure);
                    return whenUnavailable;
                });
    }

    private void unavailable(String operation, Throwable failure) {
        metrics.storeError(operation);
        boolean late = failure instanceof io.smallrye.mutiny.TimeoutException;
        if ((!late || failuresInARow.incrementAndGet() >= FAILURES_IN_A_ROW) && available.compareAndSet(true, false)) {
            // The class only: a Redis error message can quote a command, and commands carry sealed values.
            LOG.warnf("Redis is unavailable (%s failed: %s): each replica goes on with its own state",
                    operation, failure.getClass().getSimpleName());
        }
    }

    private Optional<String> open(String name, Response response) {
        if (response == null) {
            return Optional.empty();
        }
        Optional<String> value = cipher.open(name, response.toString());
        if (value.isEmpty()) {
            metrics.storeError("decrypt");
            if (unreadableLogged.compareAndSet(false, true)) {
                LOG.warn("A value in Redis does not decrypt with broker.store.encryption-key (rotated key, or "
                        + "tampered): treated as absent and made again");
            }
        }
        return value;
    }

    @Override
    public String nameOf(String space, String key) {
        return name(space, key);
    }

    private String name(String space, String key) {
        return prefix + cipher.name(space, key);
    }
}
