package io.qlikbroker.domain;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;

/**
 * One answer of a token route, as it is counted and audited: which tenant, what was decided, for whom, the lookup
 * sent to Qlik, whether the cache served it, what the upstream calls looked like, the problem the caller was told,
 * and Qlik's traceId when that problem came from one of its answers. Every field but the tenant and the outcome may
 * be absent (null): a request refused before authentication has no identity.
 */
public record TokenDecision(String tenant, TokenOutcome outcome, String identity, UserLookup lookup, QlikToken token,
        boolean cached, UpstreamTrace trace, String upstreamTraceId, ProblemKind problem) {

    /** The label of decisions that no configured tenant can own (an unknown tenant's name is the caller's input). */
    public static final String NO_TENANT = "-";

    /** A token handed out: minted by this request, or reused. */
    public static TokenDecision served(String tenant, String identity, UserLookup lookup, QlikToken token,
            boolean minted, UpstreamTrace trace) {
        return new TokenDecision(tenant, minted ? TokenOutcome.ISSUED : TokenOutcome.CACHED, identity, lookup, token,
                !minted, trace, null, null);
    }

    /** A refusal or failure, with the outcome that {@code failure} stands for. */
    public static TokenDecision refused(String tenant, Throwable failure, String identity, UserLookup lookup,
            UpstreamTrace trace) {
        BrokerException broker = failure instanceof BrokerException known ? known : null;
        TokenOutcome outcome = broker != null ? TokenOutcome.of(broker.kind()) : TokenOutcome.UPSTREAM_ERROR;
        return new TokenDecision(tenant, outcome, identity, lookup, null, false, trace,
                broker == null ? null : broker.upstreamTraceId(), broker == null ? null : broker.kind());
    }

    /** Identities are user data and the token is a credential: neither is printed. */
    @Override
    public String toString() {
        return "TokenDecision[tenant=" + tenant + ", outcome=" + outcome + ", cached=" + cached + "]";
    }
}
