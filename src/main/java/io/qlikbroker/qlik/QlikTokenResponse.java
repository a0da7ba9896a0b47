package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Qlik's successful answer to {@code POST /oauth/token}. The token is opaque: it is never decoded. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("scope") String scope) {

    @Override
    public String toString() {
        return "QlikTokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
