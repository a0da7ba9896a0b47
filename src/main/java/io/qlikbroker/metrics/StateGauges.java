package io.qlikbroker.metrics;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.qlikbroker.cache.TokenCache;
import io.qlikbroker.qlik.ImpersonationClient;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Gauges read from the token cache and the tenant's circuit breaker at scrape time. */
@Singleton
public class StateGauges {

    void register(@Observes StartupEvent event, MeterRegistry registry, TokenCache cache,
            CircuitBreakerMaintenance circuitBreakers, ImpersonationClient client) {
        // Size, hits, misses and evictions as cache_* meters tagged cache="qlik-tokens".
        CaffeineCacheMetrics.monitor(registry, cache.caffeine(), "qlik-tokens");
        Gauge.builder("broker.cache.hit.ratio", cache, c -> c.caffeine().synchronous().stats().hitRate())
                .description("Share of token lookups served from the cache since start")
                .register(registry);
        Gauge.builder("broker.circuit.breaker.state", circuitBreakers, cb -> stateValue(cb, client))
                .description("Tenant circuit breaker: 0 closed, 1 half-open, 2 open")
                .register(registry);
    }

    private static double stateValue(CircuitBreakerMaintenance circuitBreakers, ImpersonationClient client) {
        CircuitBreakerState state = circuitBreakers.currentState(client.circuitBreakerName());
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
