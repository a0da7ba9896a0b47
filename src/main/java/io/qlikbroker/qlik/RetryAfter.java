package io.qlikbroker.qlik;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to stay away from the tenant after its 429: its {@code Retry-After} as delay-seconds or as an HTTP-date
 * (RFC 9110 section 10.2.3), 60 s when it sends neither, and never longer than {@code broker.rate-limit.max-pause}.
 * The header is upstream input: a year-long or overflowing value must neither pause a tenant for a year nor break
 * the clock arithmetic of the caller.
 */
public final class RetryAfter {

    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(60);
    /** More digits than any sane delay; parsed as "very long" without risking overflow. */
    private static final int MAX_DIGITS = 9;

    private final Clock clock;
    private final Duration maxPause;

    public RetryAfter(Clock clock, Duration maxPause) {
        this.clock = clock;
        this.maxPause = maxPause;
    }

    /** The pause for a 429 that carried {@code header} (null when absent). */
    public Duration pause(String header) {
        Duration asked = parse(header, clock.instant()).orElse(DEFAULT_PAUSE);
        return asked.compareTo(maxPause) > 0 ? maxPause : asked;
    }

    /** The delay the header asks for, unbounded above; empty when absent or unreadable. */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            return Optional.of(value.length() > MAX_DIGITS ? Duration.ofSeconds(999_999_999L)
                    : Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration left = Duration.between(now, until);
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
