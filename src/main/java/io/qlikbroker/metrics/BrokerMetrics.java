package io.qlikbroker.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The broker's own meters. Labels are small fixed sets (outcome, upstream status): never a user id or a token.
 * Cache and circuit-breaker gauges are registered by {@link StateGauges}.
 */
@ApplicationScoped
public class BrokerMetrics {

    private final MeterRegistry registry;
    private final Map<TokenOutcome, Counter> outcomes = new EnumMap<>(TokenOutcome.class);
    private final Timer upstreamLatency;

    BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (TokenOutcome outcome : TokenOutcome.values()) {
            outcomes.put(outcome, Counter.builder("broker.token.requests")
                    .description("Token requests by outcome")
                    .tag("outcome", outcome.label())
                    .register(registry));
        }
        this.upstreamLatency = Timer.builder("broker.upstream.latency")
                .description("Duration of each call to the tenant's /oauth/token, retries counted separately")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void tokenRequest(TokenOutcome outcome) {
        outcomes.get(outcome).increment();
    }

    /** One upstream attempt: {@code status} is the HTTP status, or {@code error} / {@code timeout}. */
    public void upstreamCall(String status, Duration latency) {
        registry.counter("broker.upstream.requests", "status", status).increment();
        upstreamLatency.record(latency);
    }
}
