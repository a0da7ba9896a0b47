package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.qlikbroker.domain.UserLookup;

/** The JSON body of {@code POST /oauth/token} for the user-impersonation grant. */
public record ImpersonationTokenRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("user_lookup") UserLookup userLookup,
        @JsonProperty("scope") String scope) {

    public static final String GRANT_TYPE = "urn:qlik:oauth:user-impersonation";

    static ImpersonationTokenRequest of(String clientId, String clientSecret, UserLookup userLookup, String scope) {
        return new ImpersonationTokenRequest(GRANT_TYPE, clientId, clientSecret, userLookup, scope);
    }

    /** Keeps the secret out of any log or debugger view that prints the request. */
    @Override
    public String toString() {
        return "ImpersonationTokenRequest[clientId=" + clientId + ", userLookup=" + userLookup + ", scope=" + scope + "]";
    }
}
