package io.qlikbroker.domain;

import java.time.Duration;
import java.time.Instant;

/** A token Qlik issued, with its absolute expiry. {@link #toString()} never shows the token. */
public record QlikToken(String accessToken, String tokenType, Instant expiresAt) {

    public Duration remainingLifetime(Instant now) {
        Duration remaining = Duration.between(now, expiresAt);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    @Override
    public String toString() {
        return "QlikToken[tokenType=" + tokenType + ", expiresAt=" + expiresAt + "]";
    }
}
