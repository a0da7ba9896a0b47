package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /oauth/token} for the provisioning client's own token (machine to machine). */
record ClientCredentialsRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("scope") String scope) {

    static ClientCredentialsRequest of(String clientId, String clientSecret, String scope) {
        return new ClientCredentialsRequest("client_credentials", clientId, clientSecret, scope);
    }

    @Override
    public String toString() {
        return "ClientCredentialsRequest[clientId=" + clientId + ", scope=" + scope + "]";
    }
}
