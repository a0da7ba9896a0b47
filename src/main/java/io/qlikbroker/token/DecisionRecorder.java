package io.qlikbroker.token;

import jakarta.enterprise.context.ApplicationScoped;

import io.qlikbroker.audit.AuditLog;
import io.qlikbroker.domain.TokenDecision;
import io.qlikbroker.metrics.BrokerMetrics;

/**
 * The one place a token decision is recorded: counted in {@code broker_token_requests_total} and written to the
 * audit log, once, for the default and the named tenants alike.
 */
@ApplicationScoped
public class DecisionRecorder {

    private final BrokerMetrics metrics;
    private final AuditLog audit;

    DecisionRecorder(BrokerMetrics metrics, AuditLog audit) {
        this.metrics = metrics;
        this.audit = audit;
    }

    public void record(TokenDecision decision) {
        metrics.tokenRequest(decision.tenant(), decision.outcome(), decision.problem());
        audit.decision(decision);
    }
}
