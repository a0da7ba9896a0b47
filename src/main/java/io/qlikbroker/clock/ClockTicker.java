package io.qlikbroker.clock;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;

/** Caffeine's time source, read from the injected {@link Clock}: tests move time in caches as everywhere else. */
public record ClockTicker(Clock clock) implements Ticker {

    @Override
    public long read() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }
}
