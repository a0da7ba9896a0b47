package io.qlikbroker.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qlikbroker.domain.TokenFingerprint;
import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.MetricsScrape;
import io.qlikbroker.testing.Poll;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** One audit line per token decision, with what was decided and sent, and a fingerprint instead of the token. */
@QuarkusTest
class AuditLogTest extends QlikTenantTestBase {

    @Test
    void recordsEveryDecisionWithoutTheToken() {
        String token;
        String refusedUser = TestTokens.uniqueSubject("refused");
        String log;
        List<String> lines;
        try (LogCapture capture = LogCapture.open()) {
            token = given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                    .then().statusCode(200).extract().asString();
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
            tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                    .willReturn(QlikTenantFake.qlikError(403, "HTTP-403", "Forbidden")));
            given().auth().oauth2(TestTokens.bearer(refusedUser)).when().post("/access-token").then().statusCode(403);
            log = capture.text();
            lines = auditLines(log);
        }

        assertEquals(3, lines.size(), String.join("\n", lines));
        String fingerprint = TokenFingerprint.of(token);
        assertLine(lines.get(0), "outcome=issued", "identity=" + user, "lookup_field=subject", "lookup_value=" + user,
                "cached=false", "upstream_status=200", "token_fp=" + fingerprint);
        assertLine(lines.get(1), "outcome=cached", "identity=" + user, "cached=true", "upstream_status=-",
                "token_fp=" + fingerprint);
        assertLine(lines.get(2), "outcome=forbidden", "identity=" + refusedUser, "upstream_status=403", "token_fp=-");
        lines.forEach(line -> assertFalse(line.contains(token), "token in the audit log: " + line));
        lines.forEach(line -> assertFalse(line.contains(QlikTenantFake.CLIENT_SECRET)));
        // The refusal is told once, by its audit line: the token cache does not log its failed load a second time.
        assertFalse(log.contains("com.github.benmanes.caffeine"), log);
    }

    @Test
    void refusalsWithoutIdentityAreSummarisedButCountedExactly() {
        MetricsScrape before = MetricsScrape.now();
        List<String> summaries;
        long started = System.nanoTime();
        try (LogCapture capture = LogCapture.open()) {
            for (int i = 0; i < 50; i++) {
                given().when().post("/access-token").then().statusCode(401);
            }
            // The last burst's count is written by a once-a-second timer: wait for all 50 to be accounted for.
            Poll.until(() -> countIn(unauthenticatedLines(capture)) >= 50, java.time.Duration.ofSeconds(5));
            summaries = unauthenticatedLines(capture);
        }
        long seconds = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertEquals(50, countIn(summaries), String.join("\n", summaries));
        assertTrue(summaries.size() <= seconds + 2, "at most one line a second, " + seconds + " s: " + summaries);
        summaries.forEach(line -> assertTrue(line.startsWith("token decisions refused without identity"), line));
        assertEquals(50, MetricsScrape.now().since(before, UNAUTHENTICATED), 0.0, "the metric counts each one");
    }

    private static long countIn(List<String> summaries) {
        return summaries.stream().mapToLong(line -> Long.parseLong(line.replaceAll(".*count=(\\d+).*", "$1"))).sum();
    }

    private static List<String> unauthenticatedLines(LogCapture capture) {
        return auditLines(capture.text()).stream().filter(line -> line.contains("outcome=unauthenticated")).toList();
    }

    private static final String UNAUTHENTICATED = "broker_token_requests_total{outcome=\"unauthenticated\",tenant=\"default\"}";

    private static void assertLine(String line, String... fields) {
        for (String field : fields) {
            assertTrue(Arrays.asList(line.split(" ")).contains(field), "missing " + field + " in " + line);
        }
        assertTrue(line.matches(".*upstream_ms=(-|\\d+).*"), line);
    }

    static List<String> auditLines(String log) {
        return Arrays.stream(log.split(LogCapture.RECORD_SEPARATOR))
                .filter(record -> record.startsWith("io.qlikbroker.audit "))
                .map(record -> record.substring("io.qlikbroker.audit ".length()))
                .toList();
    }
}
