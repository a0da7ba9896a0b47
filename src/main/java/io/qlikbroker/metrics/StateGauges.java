package io.qlikbroker.metrics;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.qlikbroker.cache.TokenCache;
import io.qlikbroker.tenant.QlikTenant;
import io.qlikbroker.tenant.TenantRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Gauges read from the token cache and each tenant's circuit breaker at scrape time. */
@Singleton
public class StateGauges {

    // After the configuration validator: tenants are only built from configuration that passed it.
    void register(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event, MeterRegistry registry,
            TokenCache cache, CircuitBreakerMaintenance circuitBreakers, TenantRegistry tenants) {
        // Size, hits, misses and evictions as cache_* meters tagged cache="qlik-tokens".
        CaffeineCacheMetrics.monitor(registry, cache.caffeine(), "qlik-tokens");
        Gauge.builder("broker.cache.hit.ratio", cache, c -> c.caffeine().synchronous().stats().hitRate())
                .description("Share of token lookups served from the cache since start")
                .register(registry);
        for (QlikTenant tenant : tenants.all()) {
            String name = tenant.connection().impersonation().circuitBreakerName();
            Gauge.builder("broker.circuit.breaker.state", circuitBreakers, cb -> switch (cb.currentState(name)) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            }).description("Tenant circuit breaker: 0 closed, 1 half-open, 2 open")
                    .tag("tenant", tenant.name())
                    .register(registry);
        }
    }
}
