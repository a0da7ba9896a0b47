package io.qlikbroker.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.qlikbroker.testing.InjectQlikTenant;
import io.qlikbroker.testing.Management;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @InjectQlikTenant
    WireMockServer tenant;

    @Inject
    TestClock clock;

    @BeforeEach
    void resetTenant() {
        QlikTenantFake.reset(tenant);
        // Let any result memoized by an earlier test lapse: the reuse runs on the broker's clock.
        clock.advance(TenantWellnessCheck.RESULT_REUSE.plusSeconds(1));
    }

    @Test
    void livenessStartupAndReadinessAreUp() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void wellnessIsUpWhenTheTenantServesItsMetadata() {
        Management.given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'qlik-tenant' }.status", equalTo("UP"))
                // Without an admin client there is nothing to read the OAuth client with: no check, not a DOWN one.
                .body("checks.find { it.name.startsWith('qlik-client') }", org.hamcrest.Matchers.nullValue());
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikTenantFake.METADATA_PATH)));
    }

    @Test
    void tenantOutageMakesWellnessDownButNotReadiness() {
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.METADATA_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        Management.given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'qlik-tenant' }.status", equalTo("DOWN"));
        Management.given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void hangingTenantStillLetsHealthAnswerQuickly() {
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.METADATA_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        long start = System.nanoTime();
        Management.given().when().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'qlik-tenant' }.status", equalTo("DOWN"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < 2000, "health answered after " + elapsedMillis + " ms");
        Management.given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void probesReuseTheTenantResultForFiveSeconds() {
        for (int i = 0; i < 5; i++) {
            Management.given().when().get("/q/health/well").then().statusCode(200);
        }
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikTenantFake.METADATA_PATH)));
        clock.advance(TenantWellnessCheck.RESULT_REUSE);
        Management.given().when().get("/q/health/well").then().statusCode(200);
        tenant.verify(2, getRequestedFor(urlPathEqualTo(QlikTenantFake.METADATA_PATH)));
    }
}
