package io.qlikbroker.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.MetricsScrape;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** After a known sequence of requests, /q/metrics moves by exactly that much, and never names a user. */
@QuarkusTest
class MetricsTest extends QlikTenantTestBase {

    @Test
    void countsOutcomesUpstreamCallsAndCacheUse() {
        MetricsScrape before = MetricsScrape.now();

        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().when().post("/access-token").then().statusCode(401);
        given().auth().oauth2(TestTokens.bearerWith(Map.of("email", "x@example.com"))).when().post("/access-token")
                .then().statusCode(403);

        MetricsScrape after = MetricsScrape.now();
        assertEquals(1, after.since(before, "broker_token_requests_total{outcome=\"issued\",tenant=\"default\"}"));
        assertEquals(2, after.since(before, "broker_token_requests_total{outcome=\"cached\",tenant=\"default\"}"));
        assertEquals(1, after.since(before, "broker_token_requests_total{outcome=\"unauthenticated\",tenant=\"default\"}"));
        assertEquals(1, after.since(before, "broker_token_requests_total{outcome=\"forbidden\",tenant=\"default\"}"));
        assertEquals(0, after.since(before, "broker_token_requests_total{outcome=\"upstream_error\",tenant=\"default\"}"));
        assertEquals(1,
                after.since(before, "broker_token_problems_total{problem=\"missing-identity-claim\",tenant=\"default\"}"));
        assertEquals(1, after.since(before, "broker_token_problems_total{problem=\"unauthenticated\",tenant=\"default\"}"));
        assertEquals(1, after.since(before, "broker_upstream_requests_total{status=\"200\",tenant=\"default\"}"));
        assertEquals(1, after.since(before, "broker_upstream_latency_seconds_count{tenant=\"default\"}"));
        assertEquals(2, after.since(before, "cache_gets_total{cache=\"qlik-tokens\",result=\"hit\"}"));
        assertTrue(after.value("cache_size{cache=\"qlik-tokens\"}") >= 1);
        assertTrue(after.contains("broker_cache_hit_ratio "));
        assertTrue(after.contains("broker_circuit_breaker_state{tenant=\"default\"} 0.0"));
        assertTrue(after.contains("broker_wellness{check=\"qlik-tenant\"} 1.0"), "the tenant's wellness as a gauge");
        assertFalse(after.contains(user), "a user id is never a label");
    }
}
