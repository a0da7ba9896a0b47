package io.qlikbroker.cache;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.qlikbroker.config.ConfigurationValidated;

/** The token cache's meters, read at scrape time: size, hits, misses and evictions, and the hit ratio. */
@Singleton
public class TokenCacheGauges {

    void register(@Observes ConfigurationValidated event, MeterRegistry registry, TokenCache cache) {
        // cache_* meters tagged cache="qlik-tokens".
        CaffeineCacheMetrics.monitor(registry, cache.caffeine(), "qlik-tokens");
        Gauge.builder("broker.cache.hit.ratio", cache, c -> c.caffeine().synchronous().stats().hitRate())
                .description("Share of token lookups served from the cache since start")
                .register(registry);
    }
}
