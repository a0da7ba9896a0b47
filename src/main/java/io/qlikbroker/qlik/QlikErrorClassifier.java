package io.qlikbroker.qlik;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.tracing.TraceIds;

/**
 * The one place that decides what a tenant failure means for the caller.
 *
 * <p>
 * Qlik answers 401 both when the broker's own client is at fault (bad id or secret, no impersonation grant, a
 * scope the client was not granted, the wrong tenant host: {@code LOGIN-2}) and, per its troubleshooting notes,
 * when the user cannot be impersonated. Its codes for the user cases are not documented, so the rule is:
 * a 401 whose code, title or detail speaks of a user or subject, and not of the client, its credentials, grant or
 * scope, is the user's (403, {@code qlik-user-unknown}, which also makes provisioning create the user); every other 401 is the
 * client's (502 with a hint for the operator), because a
 * misconfigured client is the failure that needs a person to act. The upstream code and title are logged either way.
 *
 * <p>
 * 429 is the {@link RateLimitGate}'s, which also pauses further calls; what is retried and what opens the circuit
 * breaker is decided in {@link ImpersonationClient}.
 */
final class QlikErrorClassifier {

    private static final Logger LOG = Logger.getLogger(QlikErrorClassifier.class);
    private static final Pattern CLIENT_WORDS = Pattern.compile("client|credential|secret|grant|scope|tenant|login-2");
    private static final Pattern USER_WORDS = Pattern.compile("user|subject");

    static final String CLIENT_HINT = "Check qlik.tenant-url, qlik.client-id and qlik.client-secret, that the OAuth "
            + "client has the user-impersonation grant on this tenant, and that it was granted qlik.scope.";

    private QlikErrorClassifier() {
    }

    static BrokerException classify(QlikErrorResponse response) {
        QlikErrorBody.Error error = response.body().first();
        LOG.warnf("Qlik refused the token request: HTTP %d, code %s, title %s, qlik_trace %s",
                response.status(), loggable(error.code()), loggable(error.title()), traceOf(response));
        return observed(response, switch (response.status()) {
            case 400 -> new BrokerException(ProblemKind.QLIK_CLIENT_REJECTED,
                    "Qlik rejected the token request as malformed. Check qlik.user-lookup.field and qlik.scope.");
            case 401 -> blamesUser(error)
                    ? new BrokerException(ProblemKind.QLIK_USER_UNKNOWN,
                            "The Qlik tenant does not know your user, or will not let it be impersonated.")
                    : new BrokerException(ProblemKind.QLIK_CLIENT_REJECTED, CLIENT_HINT);
            case 403 -> userRejected();
            default -> unavailable("Qlik answered HTTP " + response.status() + ".");
        });
    }

    /**
     * Ties a failure to Qlik's traceId: on the request's span (where an operator who found the broker's trace looks)
     * and on the failure, whose audit line carries it.
     */
    static BrokerException observed(QlikErrorResponse response, BrokerException failure) {
        String traceId = response.body().loggableTraceId();
        TraceIds.recordUpstream(traceId, TraceIds.upstream(response.body().first().code()));
        return failure.upstreamTraceId(traceId);
    }

    private static String traceOf(QlikErrorResponse response) {
        String traceId = response.body().loggableTraceId();
        return traceId == null ? "-" : traceId;
    }

    /**
     * The admin client's calls (its own token, the Users and Groups APIs). Any refusal there is the operator's to
     * fix, not the user's, so it is a 502 that names the admin client's settings.
     */
    static BrokerException classifyProvisioning(QlikErrorResponse response, RetryAfter retryAfter) {
        QlikErrorBody.Error error = response.body().first();
        LOG.warnf("Qlik refused a call of the admin client (users, groups): HTTP %d, code %s, title %s, qlik_trace %s",
                response.status(), loggable(error.code()), loggable(error.title()), traceOf(response));
        return observed(response, switch (response.status()) {
            case 400, 401, 403 -> new BrokerException(ProblemKind.QLIK_PROVISIONING_REJECTED,
                    "Check qlik.provisioning.client-id and qlik.provisioning.client-secret, and that this client's "
                            + "scope (qlik.provisioning.scope) lets it manage users, and groups where they are synced.");
            case 429 -> new BrokerException(ProblemKind.QLIK_RATE_LIMITED,
                    "Qlik is limiting user and group changes; try again later.",
                    retryAfter.pause(response.retryAfter()));
            default -> unavailable("Qlik answered HTTP " + response.status() + " to a call of the admin client.");
        });
    }

    static BrokerException timeout(Duration limit) {
        return new BrokerException(ProblemKind.QLIK_TIMEOUT, "Qlik did not answer within " + limit.toMillis() + " ms.");
    }

    /** Connection refused or reset, a TLS failure, or a 2xx body that is not the JSON Qlik documents. */
    static BrokerException unreachable(Throwable failure) {
        // The class only: a parser's message can quote the body, and the body of a 2xx can hold a token.
        LOG.warnf("A call to Qlik failed: %s", failure.getClass().getName());
        return unavailable("Qlik could not be reached or sent an unreadable answer.");
    }

    static BrokerException unavailable(String detail) {
        return new BrokerException(ProblemKind.QLIK_UNAVAILABLE, detail);
    }

    private static BrokerException userRejected() {
        return new BrokerException(ProblemKind.QLIK_USER_REJECTED,
                "The Qlik tenant refused a token for your user: the user may not exist there, may be disabled, "
                        + "or may have reached its token limit.");
    }

    private static boolean blamesUser(QlikErrorBody.Error error) {
        String text = (nullToEmpty(error.code()) + " " + nullToEmpty(error.title()) + " " + nullToEmpty(error.detail()))
                .toLowerCase(Locale.ROOT);
        return USER_WORDS.matcher(text).find() && !CLIENT_WORDS.matcher(text).find();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Upstream text is untrusted: keep it on one log line and short. */
    private static String loggable(String value) {
        if (value == null) {
            return "-";
        }
        String oneLine = value.replaceAll("[\\p{Cntrl}]", "?");
        return '"' + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine) + '"';
    }
}
