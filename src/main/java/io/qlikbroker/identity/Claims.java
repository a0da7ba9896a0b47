package io.qlikbroker.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Reads claims of the identity quarkus-oidc verified (the bearer token, or the ID token of a code-flow session).
 * JSON strings are unwrapped; an identity that is not a JWT has no claims.
 */
public final class Claims {

    private Claims() {
    }

    /** The claim as a non-blank string; empty when absent, blank, or not a string (an array, an object, a number). */
    public static Optional<String> text(SecurityIdentity identity, String name) {
        return value(identity, name) instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }

    /** The claim's entries: a JSON array's strings, or a space-separated string's words (as in {@code scope}). */
    public static List<String> values(SecurityIdentity identity, String name) {
        Object value = value(identity, name);
        if (value instanceof Collection<?> entries) {
            return entries.stream().map(Claims::unwrap).map(String::valueOf).toList();
        }
        return value instanceof String text ? Arrays.asList(text.split(" ")) : List.of();
    }

    /** Whether the claim is the JSON boolean true (or the string "true", as some providers send it). */
    public static boolean isTrue(SecurityIdentity identity, String name) {
        Object value = value(identity, name);
        return Boolean.TRUE.equals(value) || JsonValue.TRUE.equals(value) || "true".equals(value);
    }

    private static Object value(SecurityIdentity identity, String name) {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? unwrap(jwt.getClaim(name)) : null;
    }

    private static Object unwrap(Object value) {
        return value instanceof JsonString json ? json.getString() : value;
    }
}
