package io.qlikbroker.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.store.SharedStore;
import io.smallrye.mutiny.Uni;

/**
 * One budget of {@code broker.rate-limit.per-user} requests a minute per identity for all replicas, counted in the
 * shared store in a window that starts with the identity's first request. Far from the limit (under a quarter of
 * it, as far as this replica knows) a request is counted locally and the counts of all identities travel in one
 * Redis call every 100 ms: the cached path makes no Redis call per request. From a quarter on, each request is
 * counted in Redis before it is answered, so the limit itself is exact; what other replicas had not sent yet can add
 * at most their last 100 ms.
 */
final class SharedBudget {

    static final String SPACE = "rate";
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final long FLUSH_MILLIS = 100;
    private static final int MAX_BATCH = 500;

    private final SharedStore store;
    private final Clock clock;
    private final int perMinute;
    private final Cache<String, Tally> tallies;
    /** Identities with counts not sent yet. */
    private final Set<String> unsent = ConcurrentHashMap.newKeySet();

    SharedBudget(SharedStore store, Clock clock, int perMinute, long maxIdentities) {
        this.store = store;
        this.clock = clock;
        this.perMinute = perMinute;
        this.tallies = Caffeine.newBuilder().maximumSize(maxIdentities).ticker(new ClockTicker(clock))
                .expireAfterAccess(WINDOW.multipliedBy(2)).build();
    }

    /** What this replica knows of an identity's window: the deployment's count, and its own not sent yet. */
    private static final class Tally {
        long known;
        long unsent;
        long windowEndsAt;
    }

    Uni<Void> acquire(String identity, LongFunction<BrokerException> refusal) {
        Tally tally = tallies.get(identity, ignored -> new Tally());
        long add;
        synchronized (tally) {
            if (clock.millis() >= tally.windowEndsAt) {
                tally.known = 0;
            }
            if ((tally.known + tally.unsent + 1) * 4 <= perMinute) {
                tally.unsent++;
                unsent.add(identity);
                return Uni.createFrom().voidItem();
            }
            add = tally.unsent + 1;
            tally.unsent = 0;
        }
        return send(identity, tally, add).invoke(count -> {
            if (count > perMinute) {
                throw refusal.apply(Math.max(1, tally.windowEndsAt - clock.millis()));
            }
        }).replaceWithVoid();
    }

    /** Sends every identity's counts not sent yet, in one call a batch: what the 100 ms timer runs. */
    void flush() {
        Map<String, Long> batch = new HashMap<>();
        Map<String, Tally> counted = new HashMap<>();
        for (String identity : unsent) {
            unsent.remove(identity);
            Tally tally = tallies.getIfPresent(identity);
            if (tally == null) {
                continue;
            }
            synchronized (tally) {
                if (tally.unsent > 0) {
                    batch.put(identity, tally.unsent);
                    counted.put(identity, tally);
                    tally.unsent = 0;
                }
            }
            if (batch.size() == MAX_BATCH) {
                send(batch, counted);
                batch = new HashMap<>();
                counted = new HashMap<>();
            }
        }
        if (!batch.isEmpty()) {
            send(batch, counted);
        }
    }

    private void send(Map<String, Long> batch, Map<String, Tally> counted) {
        store.incrementAll(SPACE, batch, WINDOW).subscribe().with(windows -> windows.forEach((identity, window) -> {
            Tally tally = counted.get(identity);
            synchronized (tally) {
                tally.known = window.count();
                tally.windowEndsAt = clock.millis() + window.remaining().toMillis();
            }
        }));
    }

    /** The deployment's count after adding {@code add}; this replica's own count when the store cannot tell. */
    private Uni<Long> send(String identity, Tally tally, long add) {
        return store.increment(SPACE, identity, add, WINDOW).map(window -> {
            synchronized (tally) {
                if (window.isEmpty()) {
                    return tally.known + add;
                }
                tally.known = window.get().count();
                tally.windowEndsAt = clock.millis() + window.get().remaining().toMillis();
                return tally.known;
            }
        });
    }
}
