package io.qlikbroker.store;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.qlikbroker.config.ConfigurationValidated;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import io.vertx.core.Vertx;

/**
 * With Redis: pings it once a second (what brings sharing back after an outage, without a restart) and reports it
 * as the wellness check {@code broker-store}. Readiness does not depend on Redis being there: a replica without it
 * still serves tokens from its own state, so taking it out of the Service would only make things worse. Readiness
 * does wait for the first ping to end, whatever its answer (within 2 s, or {@code broker.store.timeout} if longer):
 * until then the replica does not know that Redis is there, and a user it served would not be shared (a second
 * token, a second groups sync).
 */
@Singleton
public class StoreWellness {

    static final String NAME = "broker-store";
    static final String FIRST_PING = "broker-store-first-ping";
    private static final long PING_MILLIS = 1000;

    private Vertx vertx;
    private long timer = -1;
    private volatile boolean firstPingEnded;

    void start(@Observes ConfigurationValidated event, SharedStore store, @Wellness HealthRegistry wellness,
            @Readiness HealthRegistry readiness, Vertx vertx) {
        if (!(store instanceof RedisStore redis)) {
            return;
        }
        this.vertx = vertx;
        readiness.register(FIRST_PING, () -> HealthCheckResponse.named(FIRST_PING).status(firstPingEnded).build());
        redis.firstPing().whenComplete((ignored, never) -> firstPingEnded = true);
        timer = vertx.setPeriodic(PING_MILLIS, id -> redis.ping());
        wellness.register(NAME, () -> HealthCheckResponse.named(NAME).status(redis.available())
                .withData("store", "redis")
                .withData("detail", redis.available() ? "reachable" : "unreachable: each replica uses its own state")
                .build());
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
