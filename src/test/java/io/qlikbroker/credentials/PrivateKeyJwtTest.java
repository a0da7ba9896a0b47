package io.qlikbroker.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.KeyedTenantFake;
import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.Management;
import io.qlikbroker.testing.ParallelRequests;
import io.qlikbroker.testing.Poll;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.TenantsProfile;
import io.qlikbroker.testing.TestKeys;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Client authentication without a shared secret in configuration: the keyed tenant's client signs a new assertion
 * for every request, checked by the fake as Qlik checks it, and both its key file and the filed tenant's secret
 * file are rotated while requests run, with no failure and no restart.
 */
@QuarkusTest
@TestProfile(TenantsProfile.class)
class PrivateKeyJwtTest {

    private static final String KEYED = "/tenants/" + KeyedTenantFake.KEYED + "/access-token";
    private static final String FILED = "/tenants/" + KeyedTenantFake.FILED + "/access-token";

    @TestHTTPResource("/")
    URI broker;

    @jakarta.inject.Inject
    io.qlikbroker.testing.TestClock clock;

    private final KeyedTenantFake tenant = KeyedTenantFake.current();

    @Test
    void everyRequestCarriesItsOwnAssertionAndNoSecret() {
        int before = tenant.verifier().distinctJtis();
        int refusedBefore = tenant.verifier().refusals();
        String log;
        List<HttpResponse<String>> answers;
        try (LogCapture capture = LogCapture.open()) {
            answers = ParallelRequests.post(broker, KEYED, users(20));
            log = capture.text();
        }
        answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.body()));
        assertEquals(20, tenant.verifier().distinctJtis() - before, "20 requests, 20 distinct jti");
        assertEquals(refusedBefore, tenant.verifier().refusals(), "no assertion refused");
        tenant.server().verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(containing("client_secret")));
        String key = java.util.Base64.getMimeEncoder().encodeToString(tenant.firstKey().getPrivate().getEncoded());
        assertFalse(log.contains(key.substring(0, 64)), "no key material in the log");
        assertFalse(log.contains("client_assertion"), "no request body in the log");
        for (String signature : tenant.verifier().signatures()) {
            assertFalse(log.contains(signature), "an assertion in the log");
        }
    }

    @Test
    void publishesThePublicKeyOnly() {
        given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.size()", equalTo(1))
                .body("keys[0].kid", equalTo(KeyedTenantFake.thumbprint(tenant.firstKey())))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].d", equalTo(null))
                .body("keys[0].p", equalTo(null));
    }

    @Test
    void aKeyQlikDoesNotKnowIsTheOperatorsProblem() {
        tenant.verifier().unregisterAll();
        try {
            given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("u"))).when().post(KEYED)
                    .then().statusCode(502)
                    .body("type", equalTo("urn:qlik-token-broker:problem:qlik-client-rejected"));
        } finally {
            tenant.verifier().register(tenant.firstKey().getPublic(), KeyedTenantFake.thumbprint(tenant.firstKey()));
        }
    }

    @Test
    void rotatesTheKeyWhileRequestsRunWithoutAFailure() {
        KeyPair next = TestKeys.nextClient();
        String nextKid = KeyedTenantFake.thumbprint(next);
        tenant.verifier().register(next.getPublic(), nextKid);

        // First-time users in flight while the file changes under them: the new key first (it signs), the old one
        // kept. Their bearer tokens are signed beforehand, so the change lands while the broker is answering.
        List<String> firstTimeUsers = users(40);
        CompletableFuture<List<HttpResponse<String>>> load = CompletableFuture
                .supplyAsync(() -> ParallelRequests.post(broker, KEYED, firstTimeUsers));
        tenant.writeKeys(next, tenant.firstKey());
        nextFileCheck();
        load.join().forEach(answer -> assertEquals(200, answer.statusCode(), answer.body()));

        assertTrue(Poll.until(() -> jwksKeyIds().size() == 2, Duration.ofSeconds(5)), "both keys published");
        given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("after"))).when().post(KEYED).then().statusCode(200);
        List<String> kids = tenant.verifier().keyIds();
        assertEquals(nextKid, kids.get(kids.size() - 1), "requests after the change are signed with the new key");

        // The old key leaves the file: it leaves the JWKS too.
        tenant.writeKeys(next);
        nextFileCheck();
        assertTrue(Poll.until(() -> jwksKeyIds().equals(List.of(nextKid)), Duration.ofSeconds(5)), jwksKeyIds().toString());
        tenant.writeKeys(tenant.firstKey());
        nextFileCheck();
        Poll.until(() -> jwksKeyIds().size() == 1 && !jwksKeyIds().contains(nextKid), Duration.ofSeconds(5));
    }

    @Test
    void rotatesTheSecretFileWhileRequestsRunWithoutAFailure() {
        String next = "second-filed-secret-9876543210";
        tenant.acceptedSecrets().add(next);
        List<String> firstTimeUsers = users(40);
        CompletableFuture<List<HttpResponse<String>>> load = CompletableFuture
                .supplyAsync(() -> ParallelRequests.post(broker, FILED, firstTimeUsers));
        tenant.writeSecret(next);
        nextFileCheck();
        load.join().forEach(answer -> assertEquals(200, answer.statusCode(), answer.body()));

        // Once read, only the new secret is sent: the old one can be removed at Qlik.
        tenant.acceptedSecrets().remove(KeyedTenantFake.FIRST_SECRET);
        try {
            assertTrue(Poll.until(() -> given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("s")))
                    .when().post(FILED).statusCode() == 200, Duration.ofSeconds(5)));
            tenant.server()
                    .verify(postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).withRequestBody(containing(next)));
        } finally {
            tenant.acceptedSecrets().add(KeyedTenantFake.FIRST_SECRET);
        }
    }

    @Test
    void aMalformedKeyFileKeepsTheLastGoodKeyAndTellsTheOperator() {
        tenant.replace(tenant.keyFile(), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        try {
            assertTrue(Poll.until(() -> wellness().contains("private-key-file"), Duration.ofSeconds(5)), wellness());
            given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("m"))).when().post(KEYED).then().statusCode(200);
            assertFalse(wellness().contains("BEGIN"), "the file's content is never shown");
        } finally {
            tenant.writeKeys(tenant.firstKey());
        }
        assertTrue(Poll.until(() -> !wellness().contains("private-key-file"), Duration.ofSeconds(10)), wellness());
    }

    /** Past the interval at which the broker looks at its credential files again. */
    private void nextFileCheck() {
        clock.advance(ClientCredential.RELOAD_INTERVAL);
    }

    /** A fresh wellness result: past the 5 s for which a probe's result is reused. */
    private String wellness() {
        clock.advance(Duration.ofSeconds(6));
        return Management.given().when().get("/q/health/well").then().extract().asString();
    }

    private static List<String> jwksKeyIds() {
        return given().when().get("/.well-known/jwks.json").then().extract().jsonPath().getList("keys.kid");
    }

    private static List<String> users(int count) {
        // Signed on both cores: RSA under the test JVM's C1 takes about 8 ms a token.
        return IntStream.range(0, count).parallel().mapToObj(i -> TestTokens.bearer(TestTokens.uniqueSubject("k"))).toList();
    }
}
