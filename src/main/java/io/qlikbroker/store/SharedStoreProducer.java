package io.qlikbroker.store;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.metrics.BrokerMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * The store {@code broker.store} names. Redis' client is only looked up with {@code redis}: with {@code memory}
 * the broker never connects to it and needs no {@code quarkus.redis.hosts}.
 */
@ApplicationScoped
public class SharedStoreProducer {

    @Produces
    @Singleton
    SharedStore store(BrokerConfig broker, Instance<ReactiveRedisDataSource> redis, BrokerMetrics metrics) {
        BrokerConfig.Store config = broker.store();
        if (!BrokerConfig.Store.REDIS.equals(config.kind())) {
            return new MemoryStore();
        }
        // ConfigValidator has checked the key before anything asks for the store.
        byte[] key = Base64.getDecoder().decode(config.encryptionKey().orElseThrow().strip());
        return new RedisStore(redis.get(), new StoreCipher(key), config.keyPrefix(), config.timeout(), metrics);
    }
}
