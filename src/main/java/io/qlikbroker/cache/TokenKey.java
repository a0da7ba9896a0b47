package io.qlikbroker.cache;

import java.util.List;

import io.qlikbroker.domain.JsonStrings;

/**
 * Everything that decides which token Qlik issues. A key missing one of these would hand a user a token minted
 * for another scope, client or tenant (Duende's token library had exactly that advisory).
 */
public record TokenKey(String tenant, String clientId, String lookupField, String lookupValue, String scope) {

    /** The key as one string for the shared store: a JSON array, so that no field can pass for another. */
    public String id() {
        return JsonStrings.array(List.of(tenant, clientId, lookupField, lookupValue, scope));
    }
}
