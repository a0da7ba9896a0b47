package io.qlikbroker.qlik;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** One retry for what a retry can fix, none for refusals, and a 429 pause that still serves cached tokens. */
@QuarkusTest
class TenantFaultToleranceTest extends QlikTenantTestBase {

    @Inject
    TestClock clock;

    @Test
    void retriesOnceAfterAGatewayErrorThenSucceeds() {
        failFirstAttemptWith(aResponse().withStatus(503));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void retriesOnceAfterADroppedConnection() {
        failFirstAttemptWith(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void givesUpAfterOneRetry() {
        tenantAnswers(aResponse().withStatus(502));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(502);
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void neverRetriesARefusal() {
        for (int status : new int[] { 400, 401, 403 }) {
            QlikTenantFake.reset(tenant);
            tenantAnswers(QlikTenantFake.qlikError(status, "HTTP-" + status, "refused"));
            given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("u"))).when().post("/access-token");
            tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
        }
    }

    @Test
    void rateLimitPausesUpstreamCallsButServesCachedTokens() {
        String cachedUser = TestTokens.uniqueSubject("cached");
        String cached = given().auth().oauth2(TestTokens.bearer(cachedUser)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
        QlikTenantFake.reset(tenant);
        tenantAnswers(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", "30"));

        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(503).header("Retry-After", "30")
                .body("type", equalTo("urn:qlik-token-broker:problem:qlik-rate-limited"));
        clock.advance(Duration.ofSeconds(10));
        given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("other"))).when().post("/access-token")
                .then().statusCode(503).header("Retry-After", "20");
        given().auth().oauth2(TestTokens.bearer(cachedUser)).when().post("/access-token")
                .then().statusCode(200).body(equalTo(cached));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));

        QlikTenantFake.reset(tenant);
        clock.advance(Duration.ofSeconds(21));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void aYearLongOrOverflowingRetryAfterPausesAtMostTheMaxPause() {
        for (String retryAfter : new String[] { "31536000", "99999999999999999999999999" }) {
            QlikTenantFake.reset(tenant);
            tenantAnswers(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", retryAfter));
            given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("u"))).when().post("/access-token")
                    .then().statusCode(503).header("Retry-After", "300")
                    .body("type", equalTo("urn:qlik-token-broker:problem:qlik-rate-limited"));

            // broker.rate-limit.max-pause (5 minutes) later, the tenant is asked again.
            QlikTenantFake.reset(tenant);
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
            tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
            user = TestTokens.uniqueSubject("alice");
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTwoMinutes = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(120).atZone(java.time.ZoneOffset.UTC));
        tenantAnswers(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", inTwoMinutes));
        String seconds = given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(503).extract().header("Retry-After");
        long asked = Long.parseLong(seconds);
        org.junit.jupiter.api.Assertions.assertTrue(asked > 100 && asked <= 120, seconds);
        clock.advance(Duration.ofSeconds(121));
    }

    private void tenantAnswers(ResponseDefinitionBuilder response) {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1).willReturn(response));
    }

    private void failFirstAttemptWith(ResponseDefinitionBuilder failure) {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(failure));
    }
}
