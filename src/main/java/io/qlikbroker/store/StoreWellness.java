package io.qlikbroker.store;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.qlikbroker.config.ConfigurationValidated;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import io.vertx.core.Vertx;

/**
 * With Redis: pings it once a second (what brings sharing back after an outage, without a restart) and reports it
 * as the wellness check {@code broker-store}. Readiness does not depend on it: a replica without Redis still serves
 * tokens from its own state, so taking it out of the Service would only make things worse.
 */
@Singleton
public class StoreWellness {

    static final String NAME = "broker-store";
    private static final long PING_MILLIS = 1000;

    private Vertx vertx;
    private long timer = -1;

    void start(@Observes ConfigurationValidated event, SharedStore store, @Wellness HealthRegistry wellness,
            Vertx vertx) {
        if (!(store instanceof RedisStore redis)) {
            return;
        }
        this.vertx = vertx;
        redis.ping();
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
