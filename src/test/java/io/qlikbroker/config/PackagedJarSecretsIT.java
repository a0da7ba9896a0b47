package io.qlikbroker.config;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.qlikbroker.testing.PackagedApplication;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.SecondTenantFake;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The packaged application (jar, or native executable) in the prod profile, configured only by environment variables and a
 * mounted properties file
 * named by QUARKUS_CONFIG_LOCATIONS that holds the client secret (a Kubernetes Secret mounted as a file), serves a
 * real token request; the secret reaches the tenant and nowhere else: not the console, not /q/health, /q/metrics.
 */
class PackagedJarSecretsIT {

    private static final String SECRET = QlikTenantFake.CLIENT_SECRET;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static OidcWiremockTestResource identityProvider;
    private static QlikTenantFake tenantFake;
    private static SecondTenantFake euFake;
    private static WireMockServer tenant;
    private static Process broker;
    private static Path output;
    private static URI base;

    @BeforeAll
    static void startBroker() throws Exception {
        identityProvider = new OidcWiremockTestResource();
        String keycloak = identityProvider.start().get("keycloak.url");
        tenantFake = new QlikTenantFake();
        Map<String, String> qlik = tenantFake.start();
        tenant = tenantFake.server();
        euFake = new SecondTenantFake();
        String euUrl = euFake.start().get("qlik.tenants.\"eu\".tenant-url");

        Path secrets = Files.createTempFile("qlik-secret", ".properties");
        Files.writeString(secrets, "qlik.client-secret=" + SECRET + "\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = URI.create("http://localhost:" + port);
        output = Files.createTempFile("broker", ".log");
        ProcessBuilder builder = PackagedApplication.builder().redirectOutput(output.toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak + "/realms/quarkus/",
                "QUARKUS_OIDC_CLIENT_ID", "broker-test",
                "QUARKUS_OIDC_TOKEN_AUDIENCE", TestTokens.AUDIENCE,
                "QLIK_TENANT_URL", qlik.get("qlik.tenant-url"),
                "QLIK_CLIENT_ID", qlik.get("qlik.client-id"),
                "QUARKUS_CONFIG_LOCATIONS", secrets.toUri().toString()));
        // A named tenant from environment variables alone, as a Kubernetes ConfigMap and Secret would set it.
        builder.environment().putAll(Map.of(
                "QLIK_TENANTS__EU__TENANT_URL", euUrl,
                "QLIK_TENANTS__EU__CLIENT_ID", SecondTenantFake.CLIENT_ID,
                "QLIK_TENANTS__EU__CLIENT_SECRET", SecondTenantFake.CLIENT_SECRET));
        broker = builder.start();
        for (int i = 0; i < 100 && !ready(); i++) {
            Thread.sleep(200);
        }
        assertTrue(ready(), "the broker did not become ready:\n" + Files.readString(output));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.destroy();
            broker.waitFor();
        }
        tenantFake.stop();
        euFake.stop();
        identityProvider.stop();
    }

    @Test
    void secretFromAMountedFileReachesOnlyTheTenant() throws Exception {
        // Signed with jose4j directly: the JWT builder needs a running Quarkus config, which this JVM has not.
        String bearer = TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": \"alice\"}");
        HttpResponse<String> token = postToken("/access-token", bearer);
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().startsWith(QlikTenantFake.tokenPrefixFor("alice")));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(equalToJson("{\"client_secret\": \"" + SECRET + "\"}", true, true)));

        for (String path : new String[] { "/q/health", "/q/health/well", "/q/metrics", "/q/openapi" }) {
            String body = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertFalse(body.contains(SECRET), path + " shows the secret");
            assertFalse(body.contains(token.body()), path + " shows a token");
        }
        String console = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(console.contains("started in"), console);
        assertFalse(console.contains(SECRET), "the console shows the secret");
        assertFalse(console.contains(token.body()), "the console shows the token");
        assertFalse(console.contains(bearer), "the console shows the bearer token");
    }

    @Test
    void namedTenantConfiguredByEnvironmentVariablesServesTokens() throws Exception {
        String bearer = TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": \"bob\"}");
        HttpResponse<String> token = postToken("/tenants/eu/access-token", bearer);
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().startsWith(SecondTenantFake.TOKEN_LABEL + QlikTenantFake.tokenPrefixFor("bob")));
    }

    private static HttpResponse<String> postToken(String path, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
