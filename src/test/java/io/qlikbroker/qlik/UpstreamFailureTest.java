package io.qlikbroker.qlik;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.qlikbroker.testing.MetricsScrape;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every way the tenant can fail maps to one status and problem type (see ProblemKind, QlikErrorClassifier). */
@QuarkusTest
class UpstreamFailureTest extends QlikTenantTestBase {

    private static final String PROBLEM = "urn:qlik-token-broker:problem:";

    @Test
    void badClientCredentialsAre502WithAnOperatorHint() {
        tenantAnswers(QlikTenantFake.qlikError(401, "OAUTH-14", "invalid_client"));
        requestToken().statusCode(502)
                .body("type", equalTo(PROBLEM + "qlik-client-rejected"))
                .body("detail", containsString("qlik.client-secret"))
                .body("detail", not(containsString(QlikTenantFake.CLIENT_SECRET)));
    }

    @Test
    void wrongTenantHostIs502() {
        tenantAnswers(QlikTenantFake.qlikError(401, "LOGIN-2", "Unauthorized"));
        requestToken().statusCode(502).body("type", equalTo(PROBLEM + "qlik-client-rejected"));
    }

    @Test
    void unknownUserIs403() {
        tenantAnswers(QlikTenantFake.qlikError(401, "OAUTH-14", "User not found"));
        requestToken().statusCode(403).body("type", equalTo(PROBLEM + "qlik-user-unknown"));
    }

    @Test
    void disabledUserOrTokenLimitIs403() {
        tenantAnswers(QlikTenantFake.qlikError(403, "HTTP-403", "Forbidden"));
        requestToken().statusCode(403).body("type", equalTo(PROBLEM + "qlik-user-rejected"));
    }

    @Test
    void malformedRequestIs502() {
        tenantAnswers(QlikTenantFake.qlikError(400, "OAUTH-1", "invalid_request"));
        requestToken().statusCode(502).body("type", equalTo(PROBLEM + "qlik-client-rejected"));
    }

    @Test
    void rateLimitIs503WithRetryAfterPassedOn() {
        tenantAnswers(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", "1"));
        requestToken().statusCode(503)
                .header("Retry-After", "1")
                .body("type", equalTo(PROBLEM + "qlik-rate-limited"));
        awaitRateLimitPause();
    }

    @Test
    void serverErrorIs502() {
        tenantAnswers(aResponse().withStatus(500).withBody("<html>oops</html>"));
        requestToken().statusCode(502)
                .body("type", equalTo(PROBLEM + "qlik-unavailable"))
                .body("detail", not(containsString("oops")));
    }

    @Test
    void garbageBodyIs502() {
        tenantAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{not json"));
        requestToken().statusCode(502).body("type", equalTo(PROBLEM + "qlik-unavailable"));
    }

    @Test
    void answerWithoutTokenIs502() {
        tenantAnswers(okJson("{\"token_type\": \"bearer\", \"expires_in\": 21600}"));
        requestToken().statusCode(502).body("type", equalTo(PROBLEM + "qlik-unavailable"));
    }

    @Test
    void droppedConnectionIs502() {
        tenantAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        requestToken().statusCode(502).body("type", equalTo(PROBLEM + "qlik-unavailable"));
    }

    @Test
    void slowTenantIs504AfterTheConfiguredTimeout() {
        // qlik.timeout is 1s in the test profile.
        tenantAnswers(okJson("{\"access_token\": \"late\", \"expires_in\": 21600}").withFixedDelay(3000));
        MetricsScrape before = MetricsScrape.now();
        long start = System.nanoTime();
        requestToken().statusCode(504).body("type", equalTo(PROBLEM + "qlik-timeout"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(elapsedMillis < 2500, "answered after " + elapsedMillis + " ms");
        // Counted as a timeout (what the circuit breaker counts), and not retried: its time is spent.
        org.junit.jupiter.api.Assertions.assertEquals(1, MetricsScrape.now().since(before,
                "broker_upstream_requests_total{status=\"timeout\",tenant=\"default\"}"));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void problemsNeverCarryUpstreamBodiesOrStackTraces() {
        tenantAnswers(QlikTenantFake.qlikError(401, "OAUTH-14", "invalid_client secret=hunter2"));
        requestToken().statusCode(502)
                .body(not(containsString("hunter2")))
                .body(not(containsString("Exception")))
                .body("stackTrace", nullValue());
    }

    /** The broker pauses all upstream calls for Retry-After: the pause lapses on the broker's clock. */
    protected void awaitRateLimitPause() {
        io.quarkus.arc.Arc.container().instance(io.qlikbroker.testing.TestClock.class).get()
                .advance(java.time.Duration.ofSeconds(2));
    }

    private void tenantAnswers(ResponseDefinitionBuilder response) {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1).willReturn(response));
    }

    private ValidatableResponse requestToken() {
        ValidatableResponse response = given().auth().oauth2(TestTokens.bearer(user))
                .when().post("/access-token")
                .then().contentType("application/problem+json");
        tenant.verify(postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
        return response;
    }
}
