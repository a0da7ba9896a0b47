package io.qlikbroker.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.ProvisioningTestBase;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.StrictProfile;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Over HTTP: the 429 is a problem that says when to come back, and Qlik is not asked. The bucket arithmetic itself
 * is PerUserRateLimiterTest's; that answers from the cache count too is SharedStateIT's, as this profile caches
 * nothing.
 */
@QuarkusTest
@TestProfile(StrictProfile.class)
class PerUserRateLimitTest extends ProvisioningTestBase {

    @Inject
    TestClock clock;

    @Test
    void aRequestOverTheLimitIs429AndOthersAreUnaffected() {
        String bearer = TestTokens.bearer(user);
        for (int i = 0; i < StrictProfile.PER_USER_LIMIT; i++) {
            given().auth().oauth2(bearer).when().post("/access-token").then().statusCode(200);
        }
        given().auth().oauth2(bearer).when().post("/access-token")
                .then().statusCode(429)
                .header("Retry-After", String.valueOf(60 / StrictProfile.PER_USER_LIMIT))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:qlik-token-broker:problem:too-many-requests"));
        given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("bob"))).when().post("/access-token")
                .then().statusCode(200);
        // The profile caches no user's token: every admitted request reaches the tenant, the refused one does not.
        tenant.verify(StrictProfile.PER_USER_LIMIT + 1, QlikTenantFake.impersonations());

        clock.advance(Duration.ofSeconds(60 / StrictProfile.PER_USER_LIMIT));
        given().auth().oauth2(bearer).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(bearer).when().post("/access-token").then().statusCode(429);
    }
}
