package io.qlikbroker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A browser's cookie jar going through the broker's code flow against OidcWiremockTestResource: {@code GET /login},
 * the provider's login, the callback, and from then on the session cookie on every request.
 */
public final class BrowserSession {

    private final URI broker;
    private final String keycloakUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private HttpResponse<String> callback;

    private BrowserSession(URI broker, String keycloakUrl) {
        this.broker = broker;
        this.keycloakUrl = keycloakUrl;
    }

    /** Signs in through the code flow and returns the session holding the cookie. */
    public static BrowserSession signIn(URI broker, String keycloakUrl) {
        BrowserSession session = new BrowserSession(broker, keycloakUrl);
        HttpResponse<String> toProvider = session.send(HttpRequest.newBuilder(broker.resolve("/login")).GET().build());
        assertEquals(302, toProvider.statusCode(), "GET /login redirects to the provider");
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        // The mock provider's login form submits to /login, which redirects back to the broker with a code.
        URI login = URI.create(keycloakUrl.replace("/auth", "") + "/login?" + authorize.getRawQuery());
        HttpResponse<String> back = session.send(HttpRequest.newBuilder(login).GET().build());
        URI callbackUri = URI.create(back.headers().firstValue("Location").orElseThrow());
        session.callback = session.send(HttpRequest.newBuilder(callbackUri).GET().build());
        return session;
    }

    /** The answer of the code-flow callback, which sets the session cookie. */
    public HttpResponse<String> callback() {
        return callback;
    }

    /** The broker's own origin, as a same-origin page would send it. */
    public String ownOrigin() {
        return broker.getScheme() + "://" + broker.getAuthority();
    }

    public HttpResponse<String> post(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(broker.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(broker.resolve(path)).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
