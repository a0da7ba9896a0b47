package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.qlikbroker.credentials.ClientProof;

/** The JSON body of {@code POST /oauth/revoke}: the token travels in the body, never in the URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RevokeRequest(
        @JsonProperty("token") String token,
        @JsonProperty("token_type_hint") String tokenTypeHint,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_assertion_type") String clientAssertionType,
        @JsonProperty("client_assertion") String clientAssertion) {

    static RevokeRequest accessToken(String token, String clientId, ClientProof proof) {
        return new RevokeRequest(token, "access_token", clientId, proof.clientSecret(), proof.assertionType(),
                proof.assertion());
    }

    @Override
    public String toString() {
        return "RevokeRequest[clientId=" + clientId + "]";
    }
}
