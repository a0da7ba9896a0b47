package io.qlikbroker.qlik;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.qlikbroker.domain.QlikToken;

/** Qlik's successful answer to {@code POST /oauth/token}. The token is opaque: it is never decoded. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("scope") String scope) {

    /** Qlik's documented default lifetime, used when an answer carries neither expires_in nor expires_at. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(6);

    /** The token with its absolute expiry: from expires_in, else expires_at, else Qlik's 6-hour default. */
    QlikToken toToken(Instant now) {
        if (accessToken == null || accessToken.isBlank()) {
            throw QlikErrorClassifier.unavailable("Qlik answered without an access token.");
        }
        return new QlikToken(accessToken, tokenType == null ? "bearer" : tokenType, expiry(now));
    }

    private Instant expiry(Instant now) {
        if (expiresIn != null && expiresIn > 0) {
            return now.plusSeconds(expiresIn);
        }
        if (expiresAt != null) {
            try {
                return Instant.parse(expiresAt);
            } catch (DateTimeParseException ignored) {
                // fall through to Qlik's documented default
            }
        }
        return now.plus(DEFAULT_LIFETIME);
    }

    @Override
    public String toString() {
        return "QlikTokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
