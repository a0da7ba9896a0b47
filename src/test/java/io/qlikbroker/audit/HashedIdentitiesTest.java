package io.qlikbroker.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qlikbroker.session.StrictProfile;
import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With broker.audit.hash-identities the audit line carries a keyed hash, stable per user, never the identity. */
@QuarkusTest
@TestProfile(StrictProfile.class)
class HashedIdentitiesTest extends QlikTenantTestBase {

    @Test
    void logsAStableKeyedHashInsteadOfTheIdentity() {
        List<String> lines;
        try (LogCapture capture = LogCapture.open()) {
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
            lines = AuditLogTest.auditLines(capture.text());
        }
        assertEquals(2, lines.size());
        lines.forEach(line -> assertFalse(line.contains(user), line));
        String identity = lines.get(0).replaceAll(".*identity=(\\S+).*", "$1");
        assertTrue(identity.matches("hmac:[0-9a-f]{16}"), identity);
        assertTrue(lines.get(1).contains("identity=" + identity), "same user, same hash");
    }
}
