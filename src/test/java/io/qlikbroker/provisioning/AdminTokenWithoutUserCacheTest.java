package io.qlikbroker.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With users' tokens minted on every request, the provisioning client's own token is still reused: it shares Qlik's
 * 100-a-minute tier with impersonation.
 */
@QuarkusTest
@TestProfile(AdminTokenWithoutUserCacheTest.NoUserCache.class)
class AdminTokenWithoutUserCacheTest extends ProvisioningTestBase {

    public static class NoUserCache extends ProvisioningProfile {
        public NoUserCache() {
            put("broker.cache.enabled", "false");
        }
    }

    @Test
    void theAdminTokenIsReusedWhateverTheUserCacheSwitchSays() {
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("new"))).when().post("/access-token")
                    .then().statusCode(200);
        }
        tenant.verify(3, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials"))));
    }
}
