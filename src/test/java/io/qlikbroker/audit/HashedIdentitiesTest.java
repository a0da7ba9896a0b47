package io.qlikbroker.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.ProvisioningTestBase;
import io.qlikbroker.testing.StrictProfile;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With broker.audit.hash-identities the audit lines carry a keyed hash, stable per user, never the identity: the
 * token decisions and the line of the user's creation alike.
 */
@QuarkusTest
@TestProfile(StrictProfile.class)
class HashedIdentitiesTest extends ProvisioningTestBase {

    @Test
    void logsAStableKeyedHashInsteadOfTheIdentity() {
        List<String> lines;
        try (LogCapture capture = LogCapture.open()) {
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
            lines = AuditLogTest.auditLines(capture.text());
        }
        List<String> decisions = lines.stream().filter(line -> line.startsWith("token decision ")).toList();
        assertEquals(2, decisions.size(), lines.toString());
        lines.forEach(line -> assertFalse(line.contains(user), line));
        String identity = decisions.get(0).replaceAll(".*identity=(\\S+).*", "$1");
        assertTrue(identity.matches("hmac:[0-9a-f]{16}"), identity);
        assertTrue(decisions.get(1).contains("identity=" + identity), "same user, same hash");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("user created ") && line.contains("subject=" + identity)),
                "the user's creation is logged under the same hash: " + lines);
    }
}
