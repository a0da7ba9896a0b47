package io.qlikbroker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
    void anUnauthenticatedCallerIsTold401WhateverItAccepts() throws Exception {
        for (String method : new String[] { "POST", "DELETE" }) {
            HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(broker.resolve("/access-token")).header("Accept", "text/html")
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode(), method);
            assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow(), method);
        }
    }

    @Test
    void anIdTokenForTheClientIdIsRefusedAsABearerToken() throws Exception {
        // The client id (broker-test) differs from the API audience; the code flow's ID tokens are issued to it.
        String idTokenLike = io.qlikbroker.testing.TestTokens.sign(
                io.qlikbroker.testing.TestTokens.claims("alice").audience("broker-test"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(broker.resolve("/access-token"))
                .header("Authorization", "Bearer " + idTokenLike).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode(), response.body());
        tenant.verify(0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void signOutFromAnotherSiteIsRefusedAndTheSessionSurvives() {
        BrowserSession browser = BrowserSession.signIn(broker, keycloakUrl);
        // A link or an image on another site: SameSite=Lax sends the cookie on top-level navigation.
        for (Map<String, String> crossSite : List.of(Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"), Map.of("Origin", "https://attacker.example"))) {
            HttpResponse<String> refused = browser.get("/logout", crossSite);
            assertEquals(403, refused.statusCode(), crossSite.toString());
            assertTrue(refused.body().contains("urn:qlik-token-broker:problem:cross-site-request"), refused.body());
        }
        HttpResponse<String> token = browser.post("/access-token",
                Map.of("Origin", browser.ownOrigin(), "Sec-Fetch-Site", "same-origin"));
        assertEquals(200, token.statusCode(), "still signed in: " + token.body());

        // The page's own sign-out button navigates same-origin: that one ends the session.
        HttpResponse<String> signedOut = browser.get("/logout", Map.of("Sec-Fetch-Site", "same-origin"));
        assertEquals(302, signedOut.statusCode(), signedOut.body());
        HttpResponse<String> after = browser.post("/access-token",
                Map.of("Origin", browser.ownOrigin(), "Sec-Fetch-Site", "same-origin"));
        assertEquals(401, after.statusCode(), "signed out");
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
