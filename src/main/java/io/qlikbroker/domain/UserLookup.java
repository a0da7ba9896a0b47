package io.qlikbroker.domain;

/** Qlik's {@code user_lookup}: which tenant user a token is for. {@code field} is {@code subject} or {@code userId}. */
public record UserLookup(String field, String value) {
}
