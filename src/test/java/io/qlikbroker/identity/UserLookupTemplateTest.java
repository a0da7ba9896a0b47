package io.qlikbroker.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.qlikbroker.session.HybridProfile;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The configured claim, template, field and scope decide exactly what Qlik is asked for. */
@QuarkusTest
@TestProfile(HybridProfile.class)
class UserLookupTemplateTest extends QlikTenantTestBase {

    private static final String ROUTE = "/tenants/" + HybridProfile.EMPLOYEES_TENANT + "/access-token";

    @Test
    void sendsTheTemplatedClaimAsTheConfiguredField() {
        String token = TestTokens.sign(TestTokens.claims("someone-else").claim("employee_id", "e-1024"));
        given().auth().oauth2(token)
                .when().post(ROUTE)
                .then().statusCode(200)
                .body(startsWith(QlikTenantFake.tokenPrefixFor("auth0|e-1024")));

        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(equalToJson("""
                        {"grant_type": "urn:qlik:oauth:user-impersonation",
                         "client_id": "%s", "client_secret": "%s",
                         "user_lookup": {"field": "userId", "value": "auth0|e-1024"},
                         "scope": "user_default admin_classic"}"""
                        .formatted(QlikTenantFake.CLIENT_ID, QlikTenantFake.CLIENT_SECRET))));
    }

    @Test
    void refusesAnArrayOrEmptyClaimValue() {
        String array = TestTokens.signPayload("{" + TestTokens.validClaimsJson()
                + ", \"sub\": \"alice\", \"employee_id\": [\"e-1\", \"e-2\"]}");
        given().auth().oauth2(array).when().post(ROUTE).then().statusCode(403);
        String empty = TestTokens.sign(TestTokens.claims("alice").claim("employee_id", ""));
        given().auth().oauth2(empty).when().post(ROUTE).then().statusCode(403);
        tenant.verify(0, QlikTenantFake.impersonations());
    }

    @Test
    void refusesAnIdentityWithoutTheConfiguredClaim() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post(ROUTE).then().statusCode(403);
        tenant.verify(0, QlikTenantFake.impersonations());
    }
}
