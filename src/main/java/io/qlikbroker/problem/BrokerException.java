package io.qlikbroker.problem;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the caller is told about as a {@link Problem}. The detail is written for the person reading the
 * response: it never carries a secret, a token or an upstream body verbatim.
 */
public class BrokerException extends RuntimeException {

    private final ProblemKind kind;
    private final Duration retryAfter;
    private volatile String upstreamTraceId;

    public BrokerException(ProblemKind kind, String detail) {
        this(kind, detail, null);
    }

    public BrokerException(ProblemKind kind, String detail, Duration retryAfter) {
        // No stack trace: these are expected outcomes, answered and counted, not bugs to debug.
        super(detail, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public ProblemKind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Qlik's traceId of the answer this failure came from, for the audit line (already sanitised). */
    public BrokerException upstreamTraceId(String traceId) {
        this.upstreamTraceId = traceId;
        return this;
    }

    /** Qlik's traceId, or null when the failure did not come from an answer of Qlik's that carried one. */
    public String upstreamTraceId() {
        return upstreamTraceId;
    }
}
