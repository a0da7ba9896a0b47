package io.qlikbroker.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Qlik Cloud tenant faked with WireMock, answering {@code /oauth/token} and the RFC 8414 metadata as qlik.dev
 * documents (see shared/qlik-api.md). Tests get the server with {@link InjectQlikTenant} and add higher-priority
 * stubs for the failures they exercise; {@link #reset(WireMockServer)} restores the well-behaved tenant.
 */
public class QlikTenantFake implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "test-impersonation-client";
    public static final String CLIENT_SECRET = "test-secret-never-logged-0123456789";
    public static final String TOKEN_PATH = "/oauth/token";
    public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

    /** The response transformer that mints tokens; for stubs that delay or otherwise wrap the normal answer. */
    public static final String MINT_TOKEN = ImpersonationTokenTransformer.NAME;

    /** Priority of the default stubs; a test's own stubs use 1 to win over them. */
    public static final int DEFAULT_PRIORITY = 10;

    private final String propertyPrefix;
    private final String clientId;
    private final String clientSecret;
    private final String tokenLabel;
    private final Class<? extends java.lang.annotation.Annotation> injectionMarker;
    private WireMockServer server;

    /** The default tenant: {@code qlik.*}. */
    public QlikTenantFake() {
        this("qlik.", CLIENT_ID, CLIENT_SECRET, "", InjectQlikTenant.class);
    }

    /** A tenant configured under {@code propertyPrefix}, minting tokens that start with {@code tokenLabel}. */
    protected QlikTenantFake(String propertyPrefix, String clientId, String clientSecret, String tokenLabel,
            Class<? extends java.lang.annotation.Annotation> injectionMarker) {
        this.propertyPrefix = propertyPrefix;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokenLabel = tokenLabel;
        this.injectionMarker = injectionMarker;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort()
                .extensions(new ImpersonationTokenTransformer(clientId, clientSecret, tokenLabel), new QlikDirectoryFake()));
        server.start();
        reset(server);
        return Map.of(
                propertyPrefix + "tenant-url", server.baseUrl(),
                propertyPrefix + "client-id", clientId,
                propertyPrefix + "client-secret", clientSecret);
    }

    /** The running server, for tests that start the fake themselves rather than through Quarkus. */
    public WireMockServer server() {
        return server;
    }

    public static void reset(WireMockServer server) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse().withTransformers(ImpersonationTokenTransformer.NAME)));
        server.stubFor(get(urlPathEqualTo(METADATA_PATH)).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("""
                        {"issuer": "%1$s", "token_endpoint": "%1$s/oauth/token",
                         "revocation_endpoint": "%1$s/oauth/revoke"}""".formatted(server.baseUrl()))));
    }

    /**
     * Token requests of the impersonation grant only: a tenant with provisioning or groups also asks the same
     * endpoint for an admin token, once for as long as it lasts, so counting every POST would depend on test order.
     */
    public static RequestPatternBuilder impersonations() {
        return postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("urn:qlik:oauth:user-impersonation")));
    }

    /** The prefix of every token the fake mints for this lookup value: tests use it to tell users' tokens apart. */
    public static String tokenPrefixFor(String lookupValue) {
        return "qat_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(lookupValue.getBytes(StandardCharsets.UTF_8)) + "_";
    }

    public static final String USERS_PATH = "/api/v1/users";

    /** A Users API page: {"data": [users...], "links": {}}. */
    public static ResponseDefinitionBuilder usersPage(String... usersJson) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"data\": [" + String.join(", ", usersJson) + "], \"links\": {}}");
    }

    /** A user as the Users API returns it. */
    public static String userJson(String id, String subject) {
        return "{\"id\": \"" + id + "\", \"subject\": " + jsonString(subject)
                + ", \"name\": \"Someone\", \"status\": \"active\"}";
    }

    public static String jsonString(String value) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    /** Qlik's error body: {"errors": [{"code", "title", "detail", "status"}], "traceId"}, status as a string. */
    public static ResponseDefinitionBuilder qlikError(int status, String code, String title) {
        return qlikError(status, code, title, "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    }

    public static ResponseDefinitionBuilder qlikError(int status, String code, String title, String traceId) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"errors": [{"code": "%s", "title": "%s", "detail": "%s", "status": "%d"}], "traceId": %s}"""
                .formatted(code, title, title, status, jsonString(traceId)));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(injectionMarker, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
