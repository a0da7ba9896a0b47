package io.qlikbroker.qlik;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qlikbroker.session.HybridProfile;
import io.qlikbroker.testing.Management;
import io.qlikbroker.testing.Poll;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * A failing tenant opens the circuit: 503 at once, cached tokens still served, and recovery after the delay. The
 * profile's circuit opens at 2 failures in 4 calls; the test shares its application with others, so it starts and
 * leaves every circuit closed and empty.
 */
@QuarkusTest
@TestProfile(HybridProfile.class)
class CircuitBreakerTest extends QlikTenantTestBase {

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @BeforeEach
    @AfterEach
    void closeTheCircuits() {
        circuitBreakers.resetAll();
    }

    @Test
    void opensAfterRepeatedFailuresAndRecovers() {
        String cachedUser = TestTokens.uniqueSubject("cached");
        String cached = given().auth().oauth2(TestTokens.bearer(cachedUser)).when().post("/access-token")
                .then().statusCode(200).extract().asString();

        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("u"))).when().post("/access-token")
                    .then().statusCode(502);
        }
        tenant.resetRequests();

        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(503)
                .header("Retry-After", "1")
                .body("type", equalTo("urn:qlik-token-broker:problem:qlik-circuit-open"));
        given().auth().oauth2(TestTokens.bearer(cachedUser)).when().post("/access-token")
                .then().statusCode(200).body(equalTo(cached));
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
        Management.given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "broker_circuit_breaker_state{tenant=\"default\"} 2.0"));

        // Once the delay has passed, one probing call goes through and closes the circuit again. Polled, not slept:
        // the breaker keeps its own time.
        QlikTenantFake.reset(tenant);
        Poll.until(() -> given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").statusCode() != 503,
                Duration.ofSeconds(5));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
    }

}
