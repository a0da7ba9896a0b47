package io.qlikbroker.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.Poll;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * One trace per token request: the request's span, a child for each call to Qlik with the W3C traceparent sent along,
 * the trace id in the audit line and the problem body, and Qlik's traceId on the span and in the audit line of a
 * failure. No attribute carries a token or a secret. Spans are read from an in-memory exporter (testing/InMemorySpans).
 */
@QuarkusTest
class TracingTest extends QlikTenantTestBase {

    private static final String QLIK_TRACE = "5f1e0c9a7b3d4e2f8a6b1c0d9e8f7a6b";

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void aTokenRequestIsOneTraceWithAChildSpanPerCallToQlik() {
        String bearer = TestTokens.bearer(user);
        Response response;
        try (LogCapture log = LogCapture.open()) {
            response = given().auth().oauth2(bearer).when().post("/access-token");
            response.then().statusCode(200);
            String traceId = traceSentToQlik();
            SpanData request = requestSpan(traceId);
            String audit = log.text().lines().filter(line -> line.contains("token decision") && line.contains(user))
                    .findFirst().orElseThrow(() -> new AssertionError(log.text()));
            assertTrue(audit.contains("outcome=issued") && audit.contains(" trace=" + traceId), audit);

            List<SpanData> calls = children(request, SpanKind.CLIENT);
            assertEquals(1, calls.size(), tree(traceId));
            SpanData call = calls.get(0);
            assertEquals("POST /oauth/token", call.getName());
            assertEquals(200L, call.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertEquals("00-" + traceId + "-" + call.getSpanId() + "-01", sentToQlik().getHeader("traceparent"),
                    "Qlik's side of the call continues the broker's trace");

            assertNoSecretIn(traceId, bearer, response.asString());
        }
    }

    @Test
    void aFailureCarriesBothTraceIdsToTheCallerTheSpanAndTheAuditLine() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).withRequestBody(matching(".*" + user + ".*"))
                .atPriority(1).willReturn(QlikTenantFake.qlikError(401, "OAUTH-14", "invalid_client", QLIK_TRACE)));
        String bearer = TestTokens.bearer(user);
        try (LogCapture log = LogCapture.open()) {
            Response response = given().auth().oauth2(bearer).when().post("/access-token");
            response.then().statusCode(502);
            String traceId = traceSentToQlik();
            SpanData request = requestSpan(traceId);
            assertEquals(traceId, response.jsonPath().getString("traceId"), "the problem body names the trace");
            assertEquals(QLIK_TRACE, request.getAttributes().get(AttributeKey.stringKey("qlik.trace_id")));
            assertEquals("OAUTH-14", request.getAttributes().get(AttributeKey.stringKey("qlik.error_code")));
            String audit = log.text().lines().filter(line -> line.contains("token decision") && line.contains(user))
                    .findFirst().orElseThrow(() -> new AssertionError(log.text()));
            assertTrue(audit.contains(" trace=" + traceId) && audit.contains(" qlik_trace=" + QLIK_TRACE), audit);
            assertEquals(401L, children(request, SpanKind.CLIENT).get(0).getAttributes()
                    .get(AttributeKey.longKey("http.response.status_code")));
            System.out.println("Span tree of a failing token request:\n" + tree(traceId));
            assertNoSecretIn(traceId, bearer, null);
        }
    }

    @Test
    void qlikTraceIdsThatAreNotIdsAreNotRecorded() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).withRequestBody(matching(".*" + user + ".*"))
                .atPriority(1).willReturn(QlikTenantFake.qlikError(401, "OAUTH-14", "invalid_client",
                        "x\nforged=line outcome=issued")));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(502);
        assertEquals(null, requestSpan(traceSentToQlik()).getAttributes().get(AttributeKey.stringKey("qlik.trace_id")));
    }

    /** The trace id of this test's token call, as Qlik received it (the tests before may still be exporting). */
    private String traceSentToQlik() {
        return sentToQlik().getHeader("traceparent").split("-")[1];
    }

    /** This test's token call as the tenant received it. */
    private LoggedRequest sentToQlik() {
        return tenant.findAll(postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))).stream()
                .filter(r -> r.getBodyAsString().contains(user)).findFirst().orElseThrow();
    }

    /** The token request's own span in that trace. */
    private SpanData requestSpan(String traceId) {
        Poll.until(() -> find(traceId).isPresent(), Duration.ofSeconds(5));
        SpanData span = find(traceId).orElseThrow(() -> new AssertionError("no request span: " + tree(traceId)));
        assertEquals("/access-token", span.getAttributes().get(AttributeKey.stringKey("http.route")));
        return span;
    }

    private Optional<SpanData> find(String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceId)).findFirst();
    }

    private List<SpanData> children(SpanData parent, SpanKind kind) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getParentSpanId().equals(parent.getSpanId()) && span.getKind() == kind).toList();
    }

    private void assertNoSecretIn(String traceId, String bearer, String token) {
        for (SpanData span : spans.getFinishedSpanItems()) {
            String attributes = span.getAttributes().asMap().values().stream().map(String::valueOf)
                    .collect(Collectors.joining(" "));
            assertFalse(attributes.contains(QlikTenantFake.CLIENT_SECRET), span.getName() + " holds the client secret");
            assertFalse(attributes.contains(bearer), span.getName() + " holds the bearer token");
            if (token != null) {
                assertFalse(attributes.contains(token), span.getName() + " holds the Qlik token");
            }
        }
    }

    /** The trace as an indented tree, for the failure message and the closing note. */
    private String tree(String traceId) {
        List<SpanData> ofTrace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .toList();
        StringBuilder out = new StringBuilder();
        ofTrace.stream().filter(s -> ofTrace.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
                .forEach(root -> append(out, root, ofTrace, 0));
        return out.toString();
    }

    private static void append(StringBuilder out, SpanData span, List<SpanData> all, int depth) {
        out.append("  ".repeat(depth)).append(span.getKind()).append(' ').append(span.getName()).append(' ')
                .append(span.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().startsWith("qlik.")
                                || e.getKey().getKey().equals("http.response.status_code"))
                        .map(e -> e.getKey().getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")))
                .append('\n');
        all.stream().filter(child -> child.getParentSpanId().equals(span.getSpanId()))
                .forEach(child -> append(out, child, all, depth + 1));
    }
}
