package io.qlikbroker.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.qlikbroker.session.HybridProfile;
import io.qlikbroker.testing.ProvisioningTestBase;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With user-lookup.field=userId, the templated claim is the subject to provision, and the returned id is impersonated. */
@QuarkusTest
@TestProfile(HybridProfile.class)
class ProvisioningByUserIdTest extends ProvisioningTestBase {

    private static final String ROUTE = "/tenants/" + HybridProfile.BY_USER_ID_TENANT + "/access-token";

    @Test
    void impersonatesByTheIdOfTheCreatedUser() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post(ROUTE).then().statusCode(200);
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH))
                .withQueryParam("filter", equalTo("subject eq \"auth0|" + user + "\"")));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).withRequestBody(
                equalToJson("{\"user_lookup\": {\"field\": \"userId\", \"value\": \"qlik-id-1\"}}", true, true)));
    }

    @Test
    void deleteForgetsAndRevokesExactlyWhatPostCached() {
        String token = given().auth().oauth2(TestTokens.bearer(user)).when().post(ROUTE)
                .then().statusCode(200).extract().asString();
        given().auth().oauth2(TestTokens.bearer(user)).when().delete(ROUTE).then().statusCode(204);
        tenant.verify(1, postRequestedFor(urlPathEqualTo("/oauth/revoke"))
                .withRequestBody(equalToJson("{\"token\": \"" + token + "\"}", true, true)));

        String next = given().auth().oauth2(TestTokens.bearer(user)).when().post(ROUTE)
                .then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertNotEquals(token, next, "the forgotten token is never served again");
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.user_lookup.field",
                        equalTo("userId"))));
    }
}
