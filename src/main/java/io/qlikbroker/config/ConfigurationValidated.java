package io.qlikbroker.config;

/**
 * Fired once at start-up after {@link ConfigValidator} accepted the configuration. What is built from the tenants'
 * settings at start-up (gauges, wellness checks) observes this rather than the start-up event, so it can never run
 * on configuration that is about to be refused.
 */
public record ConfigurationValidated() {
}
