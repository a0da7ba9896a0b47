package io.qlikbroker.metrics;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qlikbroker.domain.TokenOutcome;
import io.qlikbroker.problem.ProblemKind;

/**
 * The broker's own meters. Labels are small fixed sets (tenant name, outcome, upstream status): never a user id or
 * a token. Cache and circuit-breaker gauges are registered beside what they measure (TokenCacheGauges,
 * CircuitBreakerGauges).
 */
@ApplicationScoped
public class BrokerMetrics {

    private final MeterRegistry registry;

    BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One token decision; a refusal also counts under its problem type, which alerts can tell apart. */
    public void tokenRequest(String tenant, TokenOutcome outcome, ProblemKind problem) {
        registry.counter("broker.token.requests", "outcome", outcome.label(), "tenant", tenant).increment();
        if (problem != null) {
            registry.counter("broker.token.problems", "problem", problem.slug(), "tenant", tenant).increment();
        }
    }

    /** A wellness check's last verdict, 1 UP and 0 DOWN, read at scrape time from {@code status}. */
    public <T> void wellness(String check, T state, ToDoubleFunction<T> status) {
        Gauge.builder("broker.wellness", state, status).tag("check", check)
                .description("1 when the wellness check was UP at its last run, 0 when DOWN").register(registry);
    }

    /** A group sync decision: cached, unchanged, changed, failed or refused (too many groups). */
    public void groupSync(String tenant, String outcome) {
        registry.counter("broker.group.sync", "outcome", outcome, "tenant", tenant).increment();
    }

    /** A Redis call that failed or was late ({@code get}, {@code put}, ...), or a value that did not decrypt. */
    public void storeError(String operation) {
        registry.counter("broker.store.errors", "operation", operation).increment();
    }

    /** One upstream attempt: {@code status} is the HTTP status, or {@code error} / {@code timeout}. */
    public void upstreamCall(String tenant, String status, Duration latency) {
        registry.counter("broker.upstream.requests", "status", status, "tenant", tenant).increment();
        Timer.builder("broker.upstream.latency")
                .description("Duration of each call to a tenant's /oauth/token, retries counted separately")
                .tag("tenant", tenant)
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }
}
