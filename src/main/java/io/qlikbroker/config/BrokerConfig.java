package io.qlikbroker.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * How the broker itself behaves: token reuse and how it protects the tenant. The tenant and its client are in
 * {@link QlikConfig}. Every property can also be set as an environment variable ({@code BROKER_CACHE_ENABLED}).
 */
@ConfigMapping(prefix = "broker")
public interface BrokerConfig {

    Cache cache();

    BearerCache bearerCache();

    /** On {@code DELETE /access-token}, also revoke the forgotten token at the tenant. */
    @WithDefault("false")
    boolean revokeOnLogout();

    CircuitBreaker circuitBreaker();

    /**
     * Origins whose pages may use the session cookie to get a token, e.g. {@code https://app.example.com}. Unset: only
     * the broker's own origin (the scheme and {@code Host} a request was addressed to).
     */
    Optional<List<String>> allowedOrigins();

    Csrf csrf();

    RateLimit rateLimit();

    Audit audit();

    Demo demo();

    /** Where state that replicas share lives: {@code broker.store=memory} (one replica) or {@code redis}. */
    Store store();

    interface Store {

        String MEMORY = "memory";
        String REDIS = "redis";

        /**
         * {@code memory}: everything in this process, right for one replica. {@code redis}: token cache, single-flight,
         * forget and revoke, per-user limit, Qlik's pause and provisioning shared through {@code quarkus.redis.hosts}.
         */
        @WithParentName
        @WithDefault(MEMORY)
        String kind();

        /** Base64 of 32 random bytes: AES-256-GCM key of every value in Redis, and the root of its key names. */
        Optional<String> encryptionKey();

        /** Prepended to every Redis key and channel, so that brokers can share a Redis. */
        @WithDefault("qlik-token-broker:")
        String keyPrefix();

        /** Limit of each Redis call; past it the broker goes on with its own state. */
        @WithDefault("250ms")
        Duration timeout();
    }

    /** The example page at {@code /}: what Qlik's example frontend does, served by the broker. */
    interface Demo {

        /** Serve the page, {@code /embed-config} and {@code /session}. On in dev mode, off otherwise. */
        @WithDefault("false")
        boolean enabled();

        /** The Qlik app the page embeds. */
        Optional<String> appId();

        /** The object (chart) of that app the page embeds. */
        Optional<String> objectId();

        /**
         * Where the page loads qlik-embed from: a pinned version on Qlik's documented CDN. The script runs in the
         * origin that the session cookie and the CSRF rule trust, so it is never a floating version.
         */
        @WithDefault("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js")
        String embedScriptUrl();

        /**
         * The Subresource Integrity hash of exactly that file ({@code sha384-...}); the browser refuses a script that
         * does not match it. Change it together with the URL.
         */
        @WithDefault("sha384-69aG3hsfB5skM9kvPK9/q315Uq5TtBfIdQwEdgomwfhKtf5aXpg8aIohDMNxvVpY")
        String embedScriptIntegrity();
    }

    interface Csrf {

        /** A header (e.g. {@code X-Requested-With}) that cookie-authenticated calls must carry: it forces a CORS preflight. */
        Optional<String> requireHeader();
    }

    interface RateLimit {

        /** Token requests a minute one identity may make, cached answers included; more get 429. */
        @WithDefault("30")
        int perUser();

        /**
         * Longest pause after a Qlik 429, whatever its {@code Retry-After} says: one answer must not take a tenant
         * out of service for longer than this.
         */
        @WithDefault("5m")
        Duration maxPause();
    }

    interface Audit {

        /** Log a keyed hash of the identity and lookup value instead of the values themselves. */
        @WithDefault("false")
        boolean hashIdentities();

        /** The HMAC key for those hashes; required when hashing is on. Keep it stable to correlate lines over time. */
        Optional<String> hashKey();
    }

    interface Cache {

        /** Reuse each user's token until shortly before it expires; off mints a token on every request. */
        @WithDefault("true")
        boolean enabled();

        /** A cached token is replaced this long before it expires, so a page never receives a dying token. */
        @WithDefault("5m")
        Duration refreshMargin();

        /** Most tokens kept; beyond it, those used least are dropped first. */
        @WithDefault("10000")
        int maxEntries();
    }

    /**
     * Remembers bearer tokens that passed full verification (signature, issuer, audience, expiry), keyed by their
     * SHA-256, until their own expiry at the latest. Signature checks dominate the cost of a cached token request.
     */
    interface BearerCache {

        @WithDefault("true")
        boolean enabled();

        /** Most verified tokens remembered. */
        @WithDefault("10000")
        int maxEntries();

        /**
         * Most memory they take, estimated (only the claims the broker reads are kept). The default keeps the native
         * executable well inside the 128Mi of the Kubernetes manifest with 10,000 tokens remembered.
         */
        @WithDefault("8M")
        MemorySize maxBytes();
    }

    /** Stops calling a failing tenant for a while; cached tokens are still served meanwhile. */
    interface CircuitBreaker {

        /** Number of recent upstream calls the failure ratio is computed over. */
        @WithDefault("10")
        int requestVolume();

        /** Share of those calls that must have failed (5xx, connection, timeout) to open the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the circuit stays open before one probing call is let through. */
        @WithDefault("10s")
        Duration delay();
    }
}
