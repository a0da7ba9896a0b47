package io.qlikbroker.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.qlikbroker.session.StrictProfile;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Over HTTP: the 429 is a problem that says when to come back, cached answers count, and Qlik is not asked. The
 * bucket arithmetic itself is PerUserRateLimiterTest's.
 */
@QuarkusTest
@TestProfile(StrictProfile.class)
class PerUserRateLimitTest extends QlikTenantTestBase {

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
