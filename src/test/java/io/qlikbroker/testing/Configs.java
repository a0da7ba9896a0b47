package io.qlikbroker.testing;

import java.time.Duration;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.QlikConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The real configuration mapping with its defaults, for plain unit tests that need no running application. */
public final class Configs {

    private Configs() {
    }

    /** {@link BrokerConfig} with its defaults and the given {@code key, value, ...} overrides. */
    public static BrokerConfig broker(String... keysAndValues) {
        return build(BrokerConfig.class, keysAndValues);
    }

    /** {@link QlikConfig} from the given {@code key, value, ...} properties and the mapping's defaults. */
    public static QlikConfig qlik(String... keysAndValues) {
        return build(QlikConfig.class, keysAndValues);
    }

    private static <T> T build(Class<T> mapping, String... keysAndValues) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withMapping(mapping)
                // Quarkus' own syntax for durations ("5m") and sizes ("8M"), as in application.properties.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.withDefaultValue(keysAndValues[i], keysAndValues[i + 1]);
        }
        return builder.build().getConfigMapping(mapping);
    }
}
