package io.qlikbroker.tenant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.qlikbroker.testing.InjectSecondTenant;
import io.qlikbroker.testing.Management;
import io.qlikbroker.testing.MetricsScrape;
import io.qlikbroker.testing.QlikDirectoryFake;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.SecondTenantFake;
import io.qlikbroker.testing.TenantsProfile;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Two tenants from one broker: each user gets each tenant's own token, and each secret only reaches its tenant. The
 * profile's eu needs its name in the claim "tenants", the default tenant "default" in "qlik_tenants".
 */
@QuarkusTest
@TestProfile(TenantsProfile.class)
class TwoTenantsTest extends QlikTenantTestBase {

    @Inject
    TestClock clock;

    @InjectSecondTenant
    WireMockServer eu;

    @BeforeEach
    void resetEu() {
        QlikTenantFake.reset(eu);
        // The default tenant creates its users on a first visit; eu only finds them.
        QlikDirectoryFake.of(tenant).serveOn(tenant);
        QlikDirectoryFake euDirectory = QlikDirectoryFake.of(eu);
        euDirectory.serveOn(eu);
        euDirectory.addUser(user);
    }

    @Test
    void eachTenantMintsItsOwnTokenWithItsOwnSecret() {
        String bearer = TestTokens.sign(TestTokens.claims(user).claim("tenants", List.of("eu", "us"))
                .claim("qlik_tenants", List.of("default")));
        String euToken = given().auth().oauth2(bearer).when().post("/tenants/eu/access-token")
                .then().statusCode(200)
                .body(startsWith(SecondTenantFake.TOKEN_LABEL + QlikTenantFake.tokenPrefixFor(user)))
                .extract().asString();
        String defaultToken = given().auth().oauth2(bearer).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)))
                .extract().asString();
        assertNotEquals(euToken, defaultToken);

        eu.verify(1, QlikTenantFake.impersonations().withRequestBody(containing(SecondTenantFake.CLIENT_SECRET)));
        tenant.verify(1, QlikTenantFake.impersonations().withRequestBody(containing(QlikTenantFake.CLIENT_SECRET)));
        eu.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(containing(QlikTenantFake.CLIENT_SECRET)));
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(containing(SecondTenantFake.CLIENT_SECRET)));

        // Cached per tenant: asking again returns each tenant's own token, never the other's.
        given().auth().oauth2(bearer).when().post("/tenants/eu/access-token").then().body(is(euToken));
        given().auth().oauth2(bearer).when().post("/access-token").then().body(is(defaultToken));
    }

    @Test
    void everyDecisionIsCountedUnderItsOwnTenant() {
        MetricsScrape before = MetricsScrape.now();
        given().when().post("/tenants/eu/access-token").then().statusCode(401);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/tenants/nowhere/access-token").then().statusCode(404);
        MetricsScrape after = MetricsScrape.now();
        assertEquals(1, after.since(before, "broker_token_requests_total{outcome=\"unauthenticated\",tenant=\"eu\"}"));
        assertEquals(1, after.since(before, "broker_token_requests_total{outcome=\"unknown_tenant\",tenant=\"-\"}"));
        assertFalse(after.contains("tenant=\"nowhere\""), "a tenant name the caller made up is never a label");
    }

    @Test
    void theDefaultTenantCanRequireAClaimToo() {
        String allowed = TestTokens.sign(TestTokens.claims(user).claim("qlik_tenants", List.of("eu", "default")));
        given().auth().oauth2(allowed).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
        for (String refused : List.of(TestTokens.bearer(user),
                TestTokens.sign(TestTokens.claims(user).claim("qlik_tenants", List.of("eu"))))) {
            given().auth().oauth2(refused).when().post("/access-token")
                    .then().statusCode(403).body("type", is("urn:qlik-token-broker:problem:tenant-not-allowed"));
        }
        tenant.verify(1, QlikTenantFake.impersonations());
    }

    @Test
    void requiredClaimMustNameTheTenant() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/tenants/eu/access-token")
                .then().statusCode(403).body("type", is("urn:qlik-token-broker:problem:tenant-not-allowed"));
        String otherTenant = TestTokens.sign(TestTokens.claims(user).claim("tenants", List.of("us")));
        given().auth().oauth2(otherTenant).when().post("/tenants/eu/access-token").then().statusCode(403);
        String spaceSeparated = TestTokens.sign(TestTokens.claims(user).claim("tenants", "us eu"));
        given().auth().oauth2(spaceSeparated).when().post("/tenants/eu/access-token").then().statusCode(200);
        eu.verify(1, QlikTenantFake.impersonations());
    }

    @Test
    void unknownTenantIs404() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/tenants/nowhere/access-token")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", is("urn:qlik-token-broker:problem:unknown-tenant"));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/tenants/default/access-token").then().statusCode(404);
        given().when().post("/tenants/eu/access-token").then().statusCode(401);
    }

    @Test
    void eachTenantHasItsOwnWellnessCheckAndMetrics() {
        eu.stubFor(get(urlPathEqualTo(QlikTenantFake.METADATA_PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));
        clock.advance(java.time.Duration.ofSeconds(6));
        Management.given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'qlik-tenant-eu' }.status", is("DOWN"))
                .body("checks.find { it.name == 'qlik-tenant' }.status", is("UP"));
        Management.given().when().get("/q/health/ready").then().statusCode(200);

        String bearer = TestTokens.sign(TestTokens.claims(user).claim("tenants", List.of("eu")));
        given().auth().oauth2(bearer).when().post("/tenants/eu/access-token").then().statusCode(200);
        Management.given().when().get("/q/metrics").then()
                .body(containsString("broker_token_requests_total{outcome=\"issued\",tenant=\"eu\"}"))
                .body(containsString("broker_circuit_breaker_state{tenant=\"eu\"}"));
    }
}
