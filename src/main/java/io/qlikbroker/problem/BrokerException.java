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
}
