package io.qlikbroker.tenant;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.qlikbroker.config.ConfigurationValidated;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Each tenant's circuit breaker as a gauge, read at scrape time: 0 closed, 1 half-open, 2 open. */
@Singleton
public class CircuitBreakerGauges {

    void register(@Observes ConfigurationValidated event, MeterRegistry registry,
            CircuitBreakerMaintenance circuitBreakers, TenantRegistry tenants) {
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
