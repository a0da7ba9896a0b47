package io.qlikbroker.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.ConfigProfile;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Each identity gets its own bucket; cached answers count; the 429 says when to come back; Qlik is not asked. */
@QuarkusTest
@TestProfile(PerUserRateLimitTest.ThreeAMinute.class)
class PerUserRateLimitTest extends QlikTenantTestBase {

    public static class ThreeAMinute extends ConfigProfile {
        public ThreeAMinute() {
            super("broker.rate-limit.per-user", "3");
        }
    }

    @Inject
    TestClock clock;

    @Test
    void fourthRequestInAMinuteIs429AndOthersAreUnaffected() {
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        }
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(429)
                .header("Retry-After", "20")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:qlik-token-broker:problem:too-many-requests"));
        given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("bob"))).when().post("/access-token")
                .then().statusCode(200);
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(20));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(429);
    }
}
