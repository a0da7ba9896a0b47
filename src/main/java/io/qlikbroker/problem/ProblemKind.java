package io.qlikbroker.problem;

import java.net.URI;

/**
 * Every way a token request can fail, with the HTTP status and RFC 9457 problem type the caller sees. This table is
 * the HTTP contract for errors: change a status here and nowhere else.
 */
public enum ProblemKind {

    UNAUTHENTICATED(401, "unauthenticated", "Sign-in required"),
    MISSING_IDENTITY_CLAIM(403, "missing-identity-claim", "Your identity has no usable user claim"),
    CROSS_SITE_REQUEST(403, "cross-site-request", "This page may not request tokens with your session"),
    UNKNOWN_TENANT(404, "unknown-tenant", "No such Qlik tenant"),
    TENANT_NOT_ALLOWED(403, "tenant-not-allowed", "Your identity may not use this Qlik tenant"),
    TOO_MANY_GROUPS(403, "too-many-groups", "Your identity has more groups than the broker syncs to Qlik"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many token requests"),
    QLIK_USER_REJECTED(403, "qlik-user-rejected", "Qlik will not issue a token for this user"),
    QLIK_USER_UNKNOWN(403, "qlik-user-unknown", "This user does not exist in the Qlik tenant"),
    QLIK_PROVISIONING_REJECTED(502, "qlik-provisioning-rejected", "Qlik rejected the broker's user-provisioning client"),
    QLIK_CLIENT_REJECTED(502, "qlik-client-rejected", "Qlik rejected the broker's OAuth client"),
    QLIK_GROUPS_UNAVAILABLE(503, "qlik-groups-unavailable", "Your groups could not be set in Qlik"),
    QLIK_RATE_LIMITED(503, "qlik-rate-limited", "Qlik is rate-limiting token requests"),
    QLIK_CIRCUIT_OPEN(503, "qlik-circuit-open", "Qlik is failing; the broker pauses calls to it"),
    QLIK_UNAVAILABLE(502, "qlik-unavailable", "Qlik could not be reached or answered unexpectedly"),
    QLIK_TIMEOUT(504, "qlik-timeout", "Qlik did not answer in time");

    private static final String TYPE_PREFIX = "urn:qlik-token-broker:problem:";

    private final int status;
    private final String slug;
    private final URI type;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.type = URI.create(TYPE_PREFIX + slug);
        this.title = title;
    }

    /** The last part of the type, e.g. {@code qlik-client-rejected}: the {@code problem} label of the metrics. */
    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The type used for errors that are not specific to the broker, such as 404 or 405 (RFC 9457 §4.2.1). */
    public static URI genericType() {
        return URI.create("about:blank");
    }
}
