package io.qlikbroker.health;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import io.quarkus.runtime.StartupEvent;

/**
 * This replica can serve: its configuration passed validation and start-up finished. Going DOWN on shutdown is
 * Quarkus' own "Graceful Shutdown" readiness check, during {@code quarkus.shutdown.delay}.
 */
@Readiness
@Startup
@Singleton
public class ReplicaReadinessCheck implements HealthCheck {

    static final String NAME = "replica";

    private volatile boolean serving;

    // Runs after the configuration validator, which observes StartupEvent at the default priority.
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        serving = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(serving).build();
    }
}
