package io.qlikbroker.token;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The JSON form of {@code POST /access-token}; {@code expires_in} is what remains of the token's life. */
@RegisterForReflection
public record AccessTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("expires_at") Instant expiresAt) {

    /** A record prints every component by default; this one holds a token. */
    @Override
    public String toString() {
        return "AccessTokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", expiresAt=" + expiresAt + "]";
    }
}
