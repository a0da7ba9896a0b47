package io.qlikbroker.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.ProvisioningTestBase;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.StrictProfile;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With users' tokens minted on every request, the provisioning client's own token is still reused: it shares Qlik's
 * 100-a-minute tier with impersonation.
 */
@QuarkusTest
@TestProfile(StrictProfile.class)
class AdminTokenWithoutUserCacheTest extends ProvisioningTestBase {

    @Test
    void theAdminTokenIsReusedWhateverTheUserCacheSwitchSays() {
        newUserGetsAToken();
        // The admin token is in hand now (from this request or an earlier test's): no new user asks for it again.
        tenant.resetRequests();
        for (int i = 0; i < 3; i++) {
            newUserGetsAToken();
        }
        tenant.verify(3, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials"))));
    }

    private static void newUserGetsAToken() {
        given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("new"))).when().post("/access-token")
                .then().statusCode(200);
    }
}
