package io.qlikbroker.domain;

import io.qlikbroker.problem.ProblemKind;

/** The {@code outcome} label of {@code broker_token_requests_total}: a small, fixed set, never a user. */
public enum TokenOutcome {
    ISSUED,
    CACHED,
    UNAUTHENTICATED,
    FORBIDDEN,
    UNKNOWN_TENANT,
    UPSTREAM_ERROR,
    RATE_LIMITED,
    TIMEOUT;

    public static TokenOutcome of(ProblemKind kind) {
        return switch (kind) {
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case MISSING_IDENTITY_CLAIM, CROSS_SITE_REQUEST, TENANT_NOT_ALLOWED, QLIK_USER_REJECTED,
                    QLIK_USER_UNKNOWN, TOO_MANY_GROUPS ->
                FORBIDDEN;
            case UNKNOWN_TENANT -> UNKNOWN_TENANT;
            case TOO_MANY_REQUESTS, QLIK_RATE_LIMITED -> RATE_LIMITED;
            case QLIK_TIMEOUT -> TIMEOUT;
            case QLIK_CLIENT_REJECTED, QLIK_PROVISIONING_REJECTED, QLIK_UNAVAILABLE, QLIK_CIRCUIT_OPEN,
                    QLIK_GROUPS_UNAVAILABLE ->
                UPSTREAM_ERROR;
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
