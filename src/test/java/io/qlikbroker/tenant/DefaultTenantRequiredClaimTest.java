package io.qlikbroker.tenant;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.ConfigProfile;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The default tenant can require a claim, like the named ones: it must list "default". */
@QuarkusTest
@TestProfile(DefaultTenantRequiredClaimTest.RequiredClaim.class)
class DefaultTenantRequiredClaimTest extends QlikTenantTestBase {

    public static class RequiredClaim extends ConfigProfile {
        public RequiredClaim() {
            super("qlik.required-claim", "qlik_tenants");
        }
    }

    @Test
    void anIdentityWhoseClaimListsTheTenantGetsAToken() {
        String bearer = TestTokens.sign(TestTokens.claims(user).claim("qlik_tenants", List.of("eu", "default")));
        given().auth().oauth2(bearer).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
    }

    @Test
    void anIdentityWithoutItIsRefusedBeforeQlikIsAsked() {
        for (String bearer : List.of(TestTokens.bearer(user),
                TestTokens.sign(TestTokens.claims(user).claim("qlik_tenants", List.of("eu"))))) {
            given().auth().oauth2(bearer).when().post("/access-token")
                    .then().statusCode(403)
                    .body("type", equalTo("urn:qlik-token-broker:problem:tenant-not-allowed"));
        }
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }
}
