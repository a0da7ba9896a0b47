package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON body of {@code POST /oauth/revoke}: the token travels in the body, never in the URL. */
record RevokeRequest(
        @JsonProperty("token") String token,
        @JsonProperty("token_type_hint") String tokenTypeHint,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret) {

    static RevokeRequest accessToken(String token, String clientId, String clientSecret) {
        return new RevokeRequest(token, "access_token", clientId, clientSecret);
    }

    @Override
    public String toString() {
        return "RevokeRequest[clientId=" + clientId + "]";
    }
}
