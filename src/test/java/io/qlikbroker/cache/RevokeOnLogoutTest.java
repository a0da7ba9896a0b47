package io.qlikbroker.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.qlikbroker.session.HybridProfile;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With broker.revoke-on-logout, DELETE also revokes the forgotten token at the tenant, token in the body. */
@QuarkusTest
@TestProfile(HybridProfile.class)
class RevokeOnLogoutTest extends QlikTenantTestBase {

    @Test
    void revokesTheForgottenTokenAtTheTenant() {
        tenant.stubFor(post(urlPathEqualTo("/oauth/revoke")).willReturn(WireMock.ok()));
        String token = given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).extract().asString();

        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);

        tenant.verify(1, postRequestedFor(urlPathEqualTo("/oauth/revoke"))
                .withoutQueryParam("token")
                .withRequestBody(equalToJson("""
                        {"token": "%s", "token_type_hint": "access_token", "client_id": "%s", "client_secret": "%s"}"""
                        .formatted(token, QlikTenantFake.CLIENT_ID, QlikTenantFake.CLIENT_SECRET))));
    }

    @Test
    void failedRevocationStillForgetsTheToken() {
        tenant.stubFor(post(urlPathEqualTo("/oauth/revoke"))
                .willReturn(QlikTenantFake.qlikError(400, "OAUTH-1", "invalid_request")));
        String first = given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).body(org.hamcrest.Matchers.not(first));
    }

    @Test
    void aHangingRevocationEndsSignOutWithinTheTimeout() {
        // qlik.timeout is 1s in the test profile.
        tenant.stubFor(post(urlPathEqualTo("/oauth/revoke")).willReturn(WireMock.ok().withFixedDelay(5000)));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        long start = System.nanoTime();
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(elapsedMillis < 2500, "signed out after " + elapsedMillis + " ms");
        tenant.verify(1, postRequestedFor(urlPathEqualTo("/oauth/revoke")));
    }

    @Test
    void nothingCachedMeansNothingToRevoke() {
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        tenant.verify(0, postRequestedFor(urlPathEqualTo("/oauth/revoke")));
    }
}
