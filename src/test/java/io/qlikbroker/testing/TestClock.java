package io.qlikbroker.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * Replaces the broker's clock in {@code @QuarkusTest}s, so tests move time (token expiry, 429 pauses) instead of
 * sleeping. It follows real time plus an offset that only grows: state keyed on "now" (a 429 pause, cache expiry)
 * must never see time run backwards between tests.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
