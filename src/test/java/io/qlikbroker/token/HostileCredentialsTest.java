package io.qlikbroker.token;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestKeys;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.http.Header;
import io.restassured.http.Headers;

/** Forged, stale and malformed credentials get 401 and never reach Qlik; odd but valid identities reach it intact. */
@QuarkusTest
class HostileCredentialsTest extends QlikTenantTestBase {

    @OidcWireMock
    WireMockServer oidc;

    @Test
    void everyHostileCredentialIs401WithoutAnUpstreamCall() {
        long now = System.currentTimeMillis() / 1000;
        String valid = TestTokens.bearer(user);
        String claims = "{" + TestTokens.validClaimsJson() + ", \"sub\": \"" + user + "\"}";
        String[] parts = valid.split("\\.");
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(user, "bob").getBytes(StandardCharsets.UTF_8));

        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("expired", TestTokens.sign(TestTokens.claims(user).issuedAt(now - 7200).expiresAt(now - 3600)));
        hostile.put("not yet valid", TestTokens.sign(TestTokens.claims(user).claim("nbf", now + 3600)));
        hostile.put("wrong issuer", TestTokens.sign(TestTokens.claims(user).issuer("https://evil.example.com")));
        hostile.put("wrong audience", TestTokens.sign(TestTokens.claims(user).audience("https://other.example.com")));
        hostile.put("unknown kid",
                TestTokens.signWith(claims, TestKeys.forger().getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, "unknown"));
        hostile.put("alg none", TestTokens.signWith(claims, null, AlgorithmIdentifiers.NONE, "1"));
        hostile.put("HS256 keyed with the public key", TestTokens.signWith(claims,
                new HmacKey(TestTokens.providerPublicKey().getEncoded()), AlgorithmIdentifiers.HMAC_SHA256, "1"));
        hostile.put("tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2]);
        hostile.put("truncated", valid.substring(0, valid.length() - 12));
        hostile.put("20 kB of garbage", "x".repeat(20_000));

        oidc.resetRequests();
        hostile.forEach((name, token) -> {
            int status = given().header("Authorization", "Bearer " + token)
                    .when().post("/access-token").then().extract().statusCode();
            assertEquals(401, status, name);
        });
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
        // Verified locally against the cached keys: no token makes the broker call the provider back.
        oidc.verify(0, postRequestedFor(urlPathMatching(".*/introspect")));
    }

    @Test
    void twoAuthorizationHeadersAre401() {
        Headers twoHeaders = new Headers(new Header("Authorization", "Bearer " + TestTokens.bearer(user)),
                new Header("Authorization", "Bearer " + TestTokens.bearer(TestTokens.uniqueSubject("bob"))));
        given().headers(twoHeaders).when().post("/access-token").then().statusCode(401);
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void headersBeyondTheServersLimitAreRefusedBeforeAuthentication() {
        int status = given().header("Authorization", "Bearer " + "x".repeat(40_000))
                .when().post("/access-token").then().extract().statusCode();
        assertEquals(431, status, "Request Header Fields Too Large");
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void oddButValidSubjectReachesQlikAsExactJsonAndOneLogLine() {
        String odd = "a\"quote\\back|slash ü 😀\nnew-line " + user;
        String log;
        try (LogCapture capture = LogCapture.open()) {
            given().auth().oauth2(TestTokens.bearer(odd)).when().post("/access-token")
                    .then().statusCode(200).body(org.hamcrest.Matchers.startsWith(QlikTenantFake.tokenPrefixFor(odd)));
            log = capture.text();
        }
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(odd));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(equalToJson("{\"user_lookup\": {\"field\": \"subject\", \"value\": \"" + escaped + "\"}}",
                        true, true)));
        String auditLine = Arrays.stream(log.split(LogCapture.RECORD_SEPARATOR))
                .filter(line -> line.startsWith("io.qlikbroker.audit") && line.contains(user))
                .findFirst().orElseThrow(() -> new AssertionError("no audit line:\n" + log));
        assertTrue(auditLine.contains("identity=\"" + escaped + "\""), auditLine);
        assertFalse(auditLine.contains("\n"), "the claim's newline stays escaped: " + auditLine);
    }
}
