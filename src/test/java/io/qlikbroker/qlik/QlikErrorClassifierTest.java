package io.qlikbroker.qlik;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qlikbroker.problem.ProblemKind;

/**
 * How an upstream refusal reads to the caller. Qlik's 401 is ambiguous: the rule (user words without client words
 * mean the user's fault) is QlikErrorClassifier's, and this is what it decides.
 */
class QlikErrorClassifierTest {

    @Test
    void a401ThatSpeaksOfTheUserIsTheUsers() {
        assertEquals(ProblemKind.QLIK_USER_UNKNOWN, classify(401, "OAUTH-14", "User not found"));
        assertEquals(ProblemKind.QLIK_USER_UNKNOWN, classify(401, "OAUTH-14", "Unknown subject"));
    }

    @Test
    void every401ThatSpeaksOfTheClientOrNothingIsTheOperators() {
        assertEquals(ProblemKind.QLIK_CLIENT_REJECTED, classify(401, "OAUTH-14", "invalid_client"));
        assertEquals(ProblemKind.QLIK_CLIENT_REJECTED, classify(401, "LOGIN-2", "Tenant not found"));
        assertEquals(ProblemKind.QLIK_CLIENT_REJECTED, classify(401, "OAUTH-1", "user may not use this grant"),
                "the client's words win over the user's");
        assertEquals(ProblemKind.QLIK_CLIENT_REJECTED, classify(401, null, null));
    }

    @Test
    void otherStatuses() {
        assertEquals(ProblemKind.QLIK_CLIENT_REJECTED, classify(400, "OAUTH-1", "invalid_request"));
        assertEquals(ProblemKind.QLIK_USER_REJECTED, classify(403, "HTTP-403", "Forbidden"));
        assertEquals(ProblemKind.QLIK_UNAVAILABLE, classify(500, null, null));
        assertEquals(ProblemKind.QLIK_UNAVAILABLE, classify(418, null, null));
    }

    @Test
    void everyProvisioningRefusalIsTheOperators() {
        for (int status : new int[] { 400, 401, 403 }) {
            assertEquals(ProblemKind.QLIK_PROVISIONING_REJECTED, QlikErrorClassifier.classifyProvisioning(
                    response(status, "USERS-1", "User not found"), null).kind());
        }
    }

    private static ProblemKind classify(int status, String code, String title) {
        return QlikErrorClassifier.classify(response(status, code, title)).kind();
    }

    private static QlikErrorResponse response(int status, String code, String title) {
        QlikErrorBody body = new QlikErrorBody(List.of(new QlikErrorBody.Error(code, title, title, String.valueOf(status))),
                null);
        return new QlikErrorResponse(status, body, null);
    }
}
