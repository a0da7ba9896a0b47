package io.qlikbroker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code application-type=hybrid} the broker runs the code flow itself: {@code /login} leads through the
 * identity provider to a session cookie, which then gets the token exactly as Qlik's example page does. The token
 * route still answers 401, never a redirect, to a caller without credentials.
 */
@QuarkusTest
@TestProfile(CodeFlowSessionTest.Hybrid.class)
class CodeFlowSessionTest extends QlikTenantTestBase {

    public static class Hybrid implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.application-type", "hybrid",
                    "quarkus.oidc.credentials.secret", "app-client-secret");
        }
    }

    /** The subject of the ID token OidcWiremockTestResource issues for its code flow. */
    private static final String CODE_FLOW_SUBJECT = "123456";

    @TestHTTPResource("/")
    URI broker;

    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void tokenRouteAnswers401NotARedirect() throws Exception {
        HttpResponse<String> response = send(post(broker.resolve("/access-token"), Map.of()));
        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void signInThenFetchTheTokenWithTheSessionCookie() throws Exception {
        HttpResponse<String> toProvider = send(get(broker.resolve("/login")));
        assertEquals(302, toProvider.statusCode());
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(keycloakUrl), authorize.toString());

        // The provider's login form posts to /login, which redirects back to the broker with a code.
        HttpResponse<String> back = send(get(URI.create(keycloakUrl.replace("/auth", "") + "/login?" + authorize.getRawQuery())));
        assertEquals(302, back.statusCode(), back.uri() + " " + back.body());
        HttpResponse<String> callback = send(get(URI.create(back.headers().firstValue("Location").orElseThrow())));
        List<String> cookies = callback.headers().allValues("Set-Cookie");
        assertEquals(302, callback.statusCode(), callback.uri() + " " + callback.headers().map() + callback.body());
        String session = cookies.stream().filter(c -> c.startsWith("q_session")).findFirst().orElseThrow();
        assertTrue(session.toLowerCase().contains("httponly"), session);
        assertTrue(session.toLowerCase().contains("samesite=lax") || session.toLowerCase().contains("samesite=strict"), session);
        assertTrue(session.contains("Path=/"), session);

        HttpResponse<String> token = send(post(broker.resolve("/access-token"),
                Map.of("Origin", broker.toString().replaceAll("/$", ""), "Sec-Fetch-Site", "same-origin")));
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().startsWith(QlikTenantFake.tokenPrefixFor(CODE_FLOW_SUBJECT)), token.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return browser.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).GET().build();
    }

    private static HttpRequest post(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(builder::header);
        return builder.build();
    }
}
