package io.qlikbroker.cache;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Caffeine picks a generated cache and node class by name for each combination of builder options and loads it
 * reflectively; a native executable only contains those registered. These are the classes of the broker's caches
 * (tokens: bounded, variable expiry, stats, async; admin token: bounded, variable expiry, async; verified bearers:
 * bounded by weight, variable expiry; rate-limit buckets: bounded, expire after access), read off
 * {@code -verbose:class} of a JVM building the same caches.
 */
@RegisterForReflection(classNames = {
        "com.github.benmanes.caffeine.cache.SSSMSA", "com.github.benmanes.caffeine.cache.PSWMW",
        "com.github.benmanes.caffeine.cache.SSMSA", "com.github.benmanes.caffeine.cache.PSWMS",
        "com.github.benmanes.caffeine.cache.PSAMS", "com.github.benmanes.caffeine.cache.SSMWA" })
final class CaffeineNativeClasses {

    private CaffeineNativeClasses() {
    }
}
