package io.qlikbroker.qlik;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Qlik's Retry-After in both of its HTTP forms, bounded by the configured maximum pause. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final RetryAfter retryAfter = new RetryAfter(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void readsDelaySeconds() {
        assertEquals(Duration.ofSeconds(30), retryAfter.pause("30"));
        assertEquals(Duration.ZERO, retryAfter.pause(" 0 "));
    }

    @Test
    void readsAnHttpDate() {
        assertEquals(Duration.ofSeconds(90), retryAfter.pause("Mon, 30 Nov 2026 12:01:30 GMT"));
        assertEquals(Duration.ZERO, retryAfter.pause("Mon, 30 Nov 2026 11:00:00 GMT"), "a date in the past");
    }

    @Test
    void capsWhatWouldPauseTheTenantForAYearOrOverflow() {
        assertEquals(Duration.ofMinutes(5), retryAfter.pause("31536000"));
        assertEquals(Duration.ofMinutes(5), retryAfter.pause("9223372036854775808000"));
        assertEquals(Duration.ofMinutes(5), retryAfter.pause("Fri, 31 Dec 9999 23:59:59 GMT"));
    }

    @Test
    void fallsBackToAMinuteWithoutAReadableHeader() {
        assertEquals(Duration.ofSeconds(60), retryAfter.pause(null));
        assertEquals(Duration.ofSeconds(60), retryAfter.pause("soon"));
        assertEquals(Duration.ofSeconds(60), retryAfter.pause("-5"));
    }

    @Test
    void theDefaultNeverExceedsASmallerCap() {
        assertEquals(Duration.ofSeconds(10),
                new RetryAfter(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10)).pause(null));
    }
}
