package io.qlikbroker.identity;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the broker keeps of a verified bearer token: the principal's name, the claims the broker reads (user lookup,
 * required claims, provisioning's name and email, synced groups), and the expiry. Not the token, not the rest of its claims,
 * not
 * the request that first presented it.
 */
record RememberedBearer(String name, Map<String, Object> claims, long expirationTime) implements JsonWebToken {

    /** A rough size in bytes, for the memory's byte bound: strings are two bytes a character, plus overheads. */
    long estimatedBytes() {
        long bytes = 160 + 2L * name.length();
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            bytes += 64 + 2L * claim.getKey().length() + 2L * String.valueOf(claim.getValue()).length();
        }
        return bytes;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }

    @Override
    public long getExpirationTime() {
        return expirationTime;
    }

    /** Claims can be user data (names, email addresses): never printed. */
    @Override
    public String toString() {
        return "RememberedBearer[claims=" + claims.keySet() + ", exp=" + expirationTime + "]";
    }
}
