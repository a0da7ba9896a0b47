package io.qlikbroker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.BrowserSession;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code application-type=hybrid} the broker runs the code flow itself: {@code /login} leads through the
 * identity provider to a session cookie, which then gets the token exactly as Qlik's example page does. The token
 * route still answers 401, never a redirect, to a caller without credentials.
 */
@QuarkusTest
@TestProfile(HybridProfile.class)
class CodeFlowSessionTest extends QlikTenantTestBase {

    @TestHTTPResource("/")
    URI broker;

    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    @Test
    void tokenRouteAnswers401NotARedirect() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(broker.resolve("/access-token")).POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void signInThenFetchTheTokenWithTheSessionCookie() {
        BrowserSession browser = BrowserSession.signIn(broker, keycloakUrl);
        String session = browser.callback().headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("q_session")).findFirst().orElseThrow();
        String attributes = session.toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("httponly"), session);
        assertTrue(attributes.contains("samesite=lax") || attributes.contains("samesite=strict"), session);
        assertTrue(session.contains("Path=/"), session);

        // What Qlik's example page sends: fetch("/access-token", {method: "POST", credentials: "include"}).
        HttpResponse<String> token = browser.post("/access-token",
                Map.of("Origin", browser.ownOrigin(), "Sec-Fetch-Site", "same-origin"));
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().startsWith(QlikTenantFake.tokenPrefixFor(HybridProfile.CODE_FLOW_SUBJECT)), token.body());
    }
}
