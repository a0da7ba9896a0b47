package io.qlikbroker.cache;

/**
 * Everything that decides which token Qlik issues. A key missing one of these would hand a user a token minted
 * for another scope, client or tenant (Duende's token library had exactly that advisory).
 */
public record TokenKey(String tenant, String clientId, String lookupField, String lookupValue, String scope) {
}
