package io.qlikbroker.token;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AccessTokenResourceTest extends QlikTenantTestBase {

    @Test
    void returnsTokenAsPlainText() {
        given().auth().oauth2(TestTokens.bearer(user))
                .when().post("/access-token")
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
    }

    @Test
    void returnsTokenAsJsonWhenAsked() {
        String expiresAt = given().auth().oauth2(TestTokens.bearer(user))
                .accept(ContentType.JSON)
                .when().post("/access-token")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("access_token", startsWith(QlikTenantFake.tokenPrefixFor(user)))
                .body("token_type", equalTo("bearer"))
                .body("expires_in", allOf(greaterThan(21590), lessThanOrEqualTo(21600)))
                .extract().path("expires_at");
        // Computed from Qlik's expires_in (6 h); the broker's clock may run ahead of this one in tests, never behind.
        assertTrue(Instant.parse(expiresAt).isAfter(Instant.now().plusSeconds(21590)), expiresAt);
    }

    @Test
    void sendsTheImpersonationGrantForTheVerifiedSubject() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);

        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"grant_type": "urn:qlik:oauth:user-impersonation",
                         "client_id": "%s", "client_secret": "%s",
                         "user_lookup": {"field": "subject", "value": "%s"},
                         "scope": "user_default"}""".formatted(QlikTenantFake.CLIENT_ID, QlikTenantFake.CLIENT_SECRET, user))));
    }

    @Test
    void ignoresWhatTheBrowserClaimsInBodyAndQuery() {
        given().auth().oauth2(TestTokens.bearer(user))
                .contentType(ContentType.JSON)
                .queryParam("user", "bob")
                .queryParam("user_lookup", "bob")
                .body("{\"user_lookup\": {\"field\": \"subject\", \"value\": \"bob\"}, \"sub\": \"bob\"}")
                .when().post("/access-token")
                .then().statusCode(200)
                .body(startsWith(QlikTenantFake.tokenPrefixFor(user)));

        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(equalToJson("{\"user_lookup\": {\"field\": \"subject\", \"value\": \"" + user + "\"}}",
                        true, true)));
    }

    @Test
    void marksEveryTokenResponseNoStore() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
        given().when().post("/access-token")
                .then().statusCode(401)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .atPriority(1).willReturn(QlikTenantFake.qlikError(403, "HTTP-403", "Forbidden")));
        given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("refused"))).when().post("/access-token")
                .then().statusCode(403)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
    }

    @Test
    void rejectsGetWithProblemDetails() {
        given().auth().oauth2(TestTokens.bearer(user)).when().get("/access-token")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }
}
