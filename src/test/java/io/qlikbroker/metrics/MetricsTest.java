package io.qlikbroker.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** After a known sequence of requests, /q/metrics moves by exactly that much, and never names a user. */
@QuarkusTest
class MetricsTest extends QlikTenantTestBase {

    @Test
    void countsOutcomesUpstreamCallsAndCacheUse() {
        String before = scrape();

        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().when().post("/access-token").then().statusCode(401);
        given().auth().oauth2(TestTokens.bearerWith(Map.of("email", "x@example.com"))).when().post("/access-token")
                .then().statusCode(403);

        String after = scrape();
        assertEquals(1, delta(before, after, "broker_token_requests_total{outcome=\"issued\",tenant=\"default\"}"));
        assertEquals(2, delta(before, after, "broker_token_requests_total{outcome=\"cached\",tenant=\"default\"}"));
        assertEquals(1, delta(before, after, "broker_token_requests_total{outcome=\"unauthenticated\",tenant=\"default\"}"));
        assertEquals(1, delta(before, after, "broker_token_requests_total{outcome=\"forbidden\",tenant=\"default\"}"));
        assertEquals(0, delta(before, after, "broker_token_requests_total{outcome=\"upstream_error\",tenant=\"default\"}"));
        assertEquals(1, delta(before, after, "broker_upstream_requests_total{status=\"200\",tenant=\"default\"}"));
        assertEquals(1, delta(before, after, "broker_upstream_latency_seconds_count{tenant=\"default\"}"));
        assertEquals(2, delta(before, after, "cache_gets_total{cache=\"qlik-tokens\",result=\"hit\"}"));
        assertTrue(value(after, "cache_size{cache=\"qlik-tokens\"}") >= 1);
        assertTrue(after.contains("broker_cache_hit_ratio "));
        assertTrue(after.contains("broker_circuit_breaker_state{tenant=\"default\"} 0.0"));
        assertFalse(after.contains(user), "a user id is never a label");
    }

    private static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The value of one series, 0 when it has not been reported yet. */
    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
