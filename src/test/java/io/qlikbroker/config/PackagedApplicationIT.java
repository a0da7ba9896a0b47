package io.qlikbroker.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.qlikbroker.testing.BrokerProcess;
import io.qlikbroker.testing.KeyedTenantFake;
import io.qlikbroker.testing.Poll;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.SecondTenantFake;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The packaged application (jar, or native executable) in the prod profile, configured only by environment variables and a
 * mounted properties file named by QUARKUS_CONFIG_LOCATIONS that holds the client secret (a Kubernetes Secret mounted
 * as a file): it says it is ready only once its connections to the tenants are open, serves real token requests, and
 * the secret reaches the tenant and nowhere else: not the console, not /q/health, /q/metrics.
 */
class PackagedApplicationIT {

    /** Below the start-up probe's own limit of one second: the attempt ends with the answer, not with the limit. */
    private static final int SLOW_METADATA_MS = 800;

    private static final String SECRET = QlikTenantFake.CLIENT_SECRET;

    private static OidcWiremockTestResource identityProvider;
    private static QlikTenantFake tenantFake;
    private static SecondTenantFake euFake;
    private static KeyedTenantFake keyedFake;
    private static WireMockServer tenant;
    private static BrokerProcess broker;
    private static Instant ready;

    @BeforeAll
    static void startBroker() throws Exception {
        identityProvider = new OidcWiremockTestResource();
        String keycloak = identityProvider.start().get("keycloak.url");
        tenantFake = new QlikTenantFake();
        Map<String, String> qlik = tenantFake.start();
        tenant = tenantFake.server();
        euFake = new SecondTenantFake();
        String euUrl = euFake.start().get("qlik.tenants.\"eu\".tenant-url");
        keyedFake = new KeyedTenantFake();
        Map<String, String> keyed = keyedFake.start();

        Path secrets = Files.createTempFile("qlik-secret", ".properties");
        Files.writeString(secrets, "qlik.client-secret=" + SECRET + "\n");
        Map<String, String> environment = BrokerProcess.environment(keycloak, qlik);
        environment.put("QUARKUS_CONFIG_LOCATIONS", secrets.toUri().toString());
        // A named tenant from environment variables alone, as a Kubernetes ConfigMap and Secret would set it.
        environment.putAll(Map.of(
                "QLIK_TENANTS__EU__TENANT_URL", euUrl,
                "QLIK_TENANTS__EU__CLIENT_ID", SecondTenantFake.CLIENT_ID,
                "QLIK_TENANTS__EU__CLIENT_SECRET", SecondTenantFake.CLIENT_SECRET));
        // Tenants whose clients prove themselves with a signed assertion, and with a secret read from a file.
        keyed.forEach((property, value) -> environment.put(environmentName(property), value));
        // Spans go to a collector once one is named (here the tenant's WireMock, speaking OTLP over HTTP).
        tenant.stubFor(post(urlPathEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
        environment.putAll(Map.of(
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", qlik.get("qlik.tenant-url"),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"));
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.METADATA_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")
                        .withFixedDelay(SLOW_METADATA_MS)));
        broker = BrokerProcess.start(environment);
        ready = Instant.now();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        tenantFake.stop();
        euFake.stop();
        keyedFake.stop();
        identityProvider.stop();
    }

    @Test
    void readinessWaitsUntilTheStartUpConnectionToTheTenantHasAnswered() {
        List<LoggedRequest> opened = tenant.findAll(getRequestedFor(urlPathEqualTo(QlikTenantFake.METADATA_PATH)));
        assertFalse(opened.isEmpty(), "no connection opened at start-up");
        long waited = Duration.between(opened.get(0).getLoggedDate().toInstant(), ready).toMillis();
        // Without the wait, readiness is UP as the request leaves: the broker's first poll sees it within 100 ms.
        assertTrue(waited >= SLOW_METADATA_MS - 50, "ready " + waited + " ms after the start-up request");
    }

    @Test
    void privateKeyJwtAndASecretFileWorkInThePackagedApplication() throws Exception {
        String bearer = TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": \"keyed-user\"}");
        HttpResponse<String> keyed = postToken("/tenants/" + KeyedTenantFake.KEYED + "/access-token", bearer);
        assertEquals(200, keyed.statusCode(), keyed.body());
        assertEquals(1, keyedFake.verifier().distinctJtis(), "one assertion, checked as Qlik checks it");
        assertEquals(0, keyedFake.verifier().refusals());
        HttpResponse<String> filed = postToken("/tenants/" + KeyedTenantFake.FILED + "/access-token", bearer);
        assertEquals(200, filed.statusCode(), filed.body());
        HttpResponse<String> jwks = broker.get("/.well-known/jwks.json");
        assertTrue(jwks.body().contains(KeyedTenantFake.thumbprint(keyedFake.firstKey())), jwks.body());
        assertFalse(broker.log().contains(KeyedTenantFake.FIRST_SECRET), "the secret file's value is never logged");
    }

    /** qlik.tenants."keyed".client-id → QLIK_TENANTS__KEYED__CLIENT_ID, as Kubernetes would pass it. */
    private static String environmentName(String property) {
        return property.replace("\"", "_").replaceAll("[^A-Za-z0-9_]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void spansAreExportedToTheConfiguredCollector() throws Exception {
        String bearer = TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": \"traced\"}");
        // The named tenant: the default tenant's token calls are counted by another test.
        assertEquals(200, postToken("/tenants/eu/access-token", bearer).statusCode());
        assertTrue(Poll.until(() -> !tenant.findAll(postRequestedFor(urlPathEqualTo("/v1/traces"))).isEmpty(),
                Duration.ofSeconds(10)), "no OTLP export reached the collector:\n" + broker.log());
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
            String body = broker.manage(path).body();
            assertFalse(body.contains(SECRET), path + " shows the secret");
            assertFalse(body.contains(token.body()), path + " shows a token");
        }
        String console = broker.log();
        assertTrue(console.contains("started in"), console);
        assertFalse(console.contains(SECRET), "the console shows the secret");
        assertFalse(console.contains(token.body()), "the console shows the token");
        assertFalse(console.contains(bearer), "the console shows the bearer token");
    }

    @Test
    void auditLinesReachTheConsoleInOrderWithinAMoment() throws Exception {
        for (String subject : new String[] { "audited-first", "audited-second" }) {
            String bearer = TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": \"" + subject + "\"}");
            assertEquals(200, postToken("/access-token", bearer).statusCode());
        }
        // The console is written in batches: a line waits for the next flush, never for the buffer to fill.
        assertTrue(Poll.until(() -> broker.log().contains("identity=audited-second"), Duration.ofSeconds(2)),
                "the audit line is still held back:\n" + broker.log());
        String console = broker.log();
        assertTrue(console.indexOf("identity=audited-first") < console.indexOf("identity=audited-second"), console);
        assertTrue(console.contains("INFO  [io.qlikbroker.audit] ("), "the whole category name: " + console);
    }

    @Test
    void namedTenantConfiguredByEnvironmentVariablesServesTokens() throws Exception {
        String bearer = TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": \"bob\"}");
        HttpResponse<String> token = postToken("/tenants/eu/access-token", bearer);
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().startsWith(SecondTenantFake.TOKEN_LABEL + QlikTenantFake.tokenPrefixFor("bob")));
    }

    private static HttpResponse<String> postToken(String path, String bearer) {
        return broker.post(path, bearer);
    }
}
