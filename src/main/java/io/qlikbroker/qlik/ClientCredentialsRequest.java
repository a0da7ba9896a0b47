package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.qlikbroker.credentials.ClientProof;

/** {@code POST /oauth/token} for the provisioning client's own token (machine to machine). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClientCredentialsRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_assertion_type") String clientAssertionType,
        @JsonProperty("client_assertion") String clientAssertion,
        @JsonProperty("scope") String scope) {

    static ClientCredentialsRequest of(String clientId, ClientProof proof, String scope) {
        return new ClientCredentialsRequest("client_credentials", clientId, proof.clientSecret(), proof.assertionType(),
                proof.assertion(), scope);
    }

    @Override
    public String toString() {
        return "ClientCredentialsRequest[clientId=" + clientId + ", scope=" + scope + "]";
    }
}
