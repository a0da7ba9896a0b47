package io.qlikbroker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.qlikbroker.testing.InjectQlikTenant;
import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Neither the client secret, nor a Qlik token, nor the caller's bearer token ever reaches a log, whatever happens. */
@QuarkusTest
class LogHygieneTest {

    @InjectQlikTenant
    WireMockServer tenant;

    @Test
    void secretsAndTokensNeverReachTheLog() {
        List<String> issued = new ArrayList<>();
        List<String> bearers = new ArrayList<>();
        String log;
        try (LogCapture capture = LogCapture.open()) {
            QlikTenantFake.reset(tenant);
            issued.add(requestToken(TestTokens.uniqueSubject("alice"), bearers, 200));

            tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                    .willReturn(QlikTenantFake.qlikError(401, "OAUTH-14", "invalid_client")));
            requestToken(TestTokens.uniqueSubject("alice"), bearers, 502);
            tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                    .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
            requestToken(TestTokens.uniqueSubject("alice"), bearers, 502);
            tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                    .willReturn(aResponse().withStatus(200).withBody("{\"access_token\": \"leaky-token-in-garbage")));
            requestToken(TestTokens.uniqueSubject("alice"), bearers, 502);
            given().auth().oauth2(bearers.get(0) + "tampered").when().post("/access-token").then().statusCode(401);
            log = capture.text();
        } finally {
            QlikTenantFake.reset(tenant);
        }

        assertTrue(log.contains("Qlik refused the token request"), "the capture sees the broker's own log lines");
        assertFalse(log.contains(QlikTenantFake.CLIENT_SECRET), "client secret logged");
        assertFalse(log.contains("leaky-token-in-garbage"), "token from an unreadable answer logged");
        for (String token : issued) {
            assertFalse(log.contains(token), () -> "issued token logged:\n" + linesWith(log, token));
        }
        for (String bearer : bearers) {
            assertFalse(log.contains(bearer), () -> "caller's bearer token logged:\n" + linesWith(log, bearer));
        }
    }

    private static String linesWith(String log, String needle) {
        return java.util.Arrays.stream(log.split(LogCapture.RECORD_SEPARATOR)).filter(record -> record.contains(needle))
                .map(record -> record.lines().limit(2).reduce("", (a, b) -> a + b + "\n"))
                .limit(5).reduce("", String::concat);
    }

    private static String requestToken(String subject, List<String> bearers, int status) {
        String bearer = TestTokens.bearer(subject);
        bearers.add(bearer);
        return given().auth().oauth2(bearer).when().post("/access-token")
                .then().statusCode(status).extract().asString();
    }
}
