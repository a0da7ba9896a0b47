package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.qlikbroker.credentials.ClientProof;
import io.qlikbroker.domain.UserLookup;

/**
 * The JSON body of {@code POST /oauth/token} for the user-impersonation grant: the client proves itself with its
 * secret or with a client assertion (private_key_jwt), never both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImpersonationTokenRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_assertion_type") String clientAssertionType,
        @JsonProperty("client_assertion") String clientAssertion,
        @JsonProperty("user_lookup") UserLookup userLookup,
        @JsonProperty("scope") String scope) {

    public static final String GRANT_TYPE = "urn:qlik:oauth:user-impersonation";

    static ImpersonationTokenRequest of(String clientId, ClientProof proof, UserLookup userLookup, String scope) {
        return new ImpersonationTokenRequest(GRANT_TYPE, clientId, proof.clientSecret(), proof.assertionType(),
                proof.assertion(), userLookup, scope);
    }

    /** Keeps the secret and the assertion out of any log or debugger view that prints the request. */
    @Override
    public String toString() {
        return "ImpersonationTokenRequest[clientId=" + clientId + ", userLookup=" + userLookup + ", scope=" + scope + "]";
    }
}
