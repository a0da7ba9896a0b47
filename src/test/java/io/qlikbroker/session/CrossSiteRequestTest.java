package io.qlikbroker.session;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.BrowserSession;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Another site's page cannot spend the user's session cookie on a token; the broker's own page can. */
@QuarkusTest
@TestProfile(HybridProfile.class)
class CrossSiteRequestTest extends QlikTenantTestBase {

    private static final String EVIL = "https://evil.example.net";

    @TestHTTPResource("/")
    URI broker;

    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    private BrowserSession browser;

    @BeforeEach
    void signIn() {
        browser = BrowserSession.signIn(broker, keycloakUrl);
        tenant.resetRequests();
    }

    @Test
    void sameOriginPageGetsTheToken() {
        assertEquals(200, browser.post("/access-token", Map.of("Origin", browser.ownOrigin())).statusCode());
        assertEquals(200, browser.post("/access-token", Map.of("Sec-Fetch-Site", "same-origin")).statusCode());
    }

    @Test
    void rejectsCrossSiteCookiePost() {
        assertRefused(Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"));
        assertRefused(Map.of("Origin", "null"));
        assertRefused(Map.of("Origin", browser.ownOrigin().replace("localhost", "127.0.0.1")));
        assertRefused(Map.of("Sec-Fetch-Site", "same-site"));
        assertRefused(Map.of("Sec-Fetch-Site", "cross-site"));
        assertRefused(Map.of());
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void cookieLogoutFromAnotherSiteIsRefusedToo() {
        HttpResponse<String> response = browser.send(java.net.http.HttpRequest.newBuilder(broker.resolve("/access-token"))
                .DELETE().header("Origin", EVIL).build());
        assertEquals(403, response.statusCode());
    }

    @Test
    void bearerCallsAreNotSubjectToOriginChecks() {
        given().auth().oauth2(TestTokens.bearer(user)).header("Origin", EVIL)
                .when().post("/access-token").then().statusCode(200);
    }

    @Test
    void answersNoCorsPreflightForOtherOrigins() {
        given().header("Origin", EVIL).header("Access-Control-Request-Method", "POST")
                .when().options("/access-token")
                .then().header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    private void assertRefused(Map<String, String> headers) {
        HttpResponse<String> response = browser.post("/access-token", headers);
        assertEquals(403, response.statusCode(), headers + " -> " + response.body());
        assertTrue(response.body().contains("urn:qlik-token-broker:problem:cross-site-request"), response.body());
    }
}
