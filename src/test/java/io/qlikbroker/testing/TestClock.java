package io.qlikbroker.testing;

import java.time.Instant;

import jakarta.inject.Singleton;

/**
 * Replaces the broker's clock in {@code @QuarkusTest}s, so tests move time (token expiry, 429 pauses) instead of
 * sleeping. It follows real time plus an offset that only grows: state keyed on "now" (a 429 pause, cache expiry)
 * must never see time run backwards between tests.
 */
@Singleton
public class TestClock extends ManualClock {

    public TestClock() {
        super(null);
    }

    @Override
    protected Instant base() {
        return Instant.now();
    }
}
