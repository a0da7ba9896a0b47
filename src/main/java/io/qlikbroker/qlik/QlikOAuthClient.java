package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the broker reads of an OAuth client's configuration on the tenant (the OAuth clients API, admin rights). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record QlikOAuthClient(String clientId, List<String> allowedGrantTypes, List<String> allowedOrigins,
        List<String> allowedScopes) {

    public List<String> allowedGrantTypes() {
        return allowedGrantTypes == null ? List.of() : allowedGrantTypes;
    }

    public List<String> allowedOrigins() {
        return allowedOrigins == null ? List.of() : allowedOrigins;
    }

    public List<String> allowedScopes() {
        return allowedScopes == null ? List.of() : allowedScopes;
    }
}
