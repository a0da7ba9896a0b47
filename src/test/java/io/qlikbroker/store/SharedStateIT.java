package io.qlikbroker.store;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.qlikbroker.testing.BrokerProcess;
import io.qlikbroker.testing.Poll;
import io.qlikbroker.testing.QlikDirectoryFake;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.RedisServer;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/**
 * Two packaged brokers on one Redis and one tenant, as two replicas behind a Service: one token per user for the
 * deployment, one upstream call per user, forgetting and the per-user limit and Qlik's pause shared, nothing
 * readable at rest, and each replica carrying on alone while Redis is away.
 * <p>
 * It runs beside the other ITs (its Redis, replicas and fakes are its own, on free ports); the lock, which no other
 * class takes, keeps its own tests in one thread and in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("shared-state-replicas")
class SharedStateIT {

    /** Base64 of 32 bytes: a test key, never a real one. */
    private static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** Above the 20 concurrent requests of one user below. */
    private static final int PER_USER = 25;
    private static final String ROUTE = "/access-token";

    private static RedisServer redis;
    private static OidcWiremockTestResource identityProvider;
    private static QlikTenantFake tenantFake;
    private static WireMockServer tenant;
    private static BrokerProcess a;
    private static BrokerProcess b;
    private static final List<String> tokensSeen = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> subjectsSeen = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startReplicas() throws Exception {
        redis = RedisServer.start();
        identityProvider = new OidcWiremockTestResource();
        String keycloak = identityProvider.start().get("keycloak.url");
        tenantFake = new QlikTenantFake();
        Map<String, String> qlik = tenantFake.start();
        tenant = tenantFake.server();
        Map<String, String> environment = BrokerProcess.environment(keycloak, qlik);
        environment.putAll(Map.of(
                "QLIK_CLIENT_SECRET", qlik.get("qlik.client-secret"),
                "BROKER_STORE", "redis",
                "BROKER_STORE_ENCRYPTION_KEY", ENCRYPTION_KEY,
                "QUARKUS_REDIS_HOSTS", redis.uri(),
                "BROKER_REVOKE_ON_LOGOUT", "true"));
        environment.put("BROKER_RATE_LIMIT_PER_USER", String.valueOf(PER_USER));
        // Users are created on their first visit: once for the deployment, not once per replica.
        environment.putAll(Map.of("QLIK_PROVISIONING_ENABLED", "true",
                "QLIK_PROVISIONING_CLIENT_ID", QlikDirectoryFake.ADMIN_CLIENT_ID,
                "QLIK_PROVISIONING_CLIENT_SECRET", QlikDirectoryFake.ADMIN_CLIENT_SECRET,
                // Groups synced on a user's first visit: by one replica, the other reading its digest.
                "QLIK_GROUPS_ENABLED", "true"));
        List<BrokerProcess> replicas = BrokerProcess.startAll(environment, 2);
        a = replicas.get(0);
        b = replicas.get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { a, b, redis }) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (tenantFake != null) {
            tenantFake.stop();
            identityProvider.stop();
        }
    }

    @BeforeEach
    void wellBehavedTenant() {
        QlikTenantFake.reset(tenant);
        QlikDirectoryFake.of(tenant).serveOn(tenant);
    }

    private static String bearer(String subject) {
        subjectsSeen.add(subject);
        return TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": " + QlikTenantFake.jsonString(subject)
                + "}");
    }

    private static RequestPatternBuilder impersonationOf(String subject) {
        return QlikTenantFake.impersonations().withRequestBody(matchingJsonPath("$.user_lookup.value", equalTo(subject)));
    }

    private static String token(BrokerProcess replica, String bearer) {
        HttpResponse<String> answer = replica.post(ROUTE, bearer);
        assertEquals(200, answer.statusCode(), answer.body());
        tokensSeen.add(answer.body());
        return answer.body();
    }

    @Test
    @Order(0)
    void aReplicaIsReadyOnlyOnceItKnowsWhetherRedisIsThere() {
        // Checked first, as the replicas became ready: a replica that served users before its first ping to Redis
        // ended would have served them from its own state alone (a second token, a second groups sync).
        for (BrokerProcess replica : List.of(a, b)) {
            String wellness = replica.manage("/q/health/well").body();
            assertEquals("UP", JsonPath.from(wellness).getString("checks.find { it.name == 'broker-store' }.status"),
                    wellness);
        }
    }

    @Test
    @Order(1)
    void aHundredUsersAlternatingBetweenReplicasCostOneUpstreamCallEach() throws Exception {
        double lateBefore = storeErrors();
        // Four users at a time, each first on one replica then on the other: what matters is the order within a
        // user, and the machine has cores to spare while one request waits on Redis or the tenant.
        ExecutorService users = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                done.add(users.submit(() -> {
                    String bearer = bearer(TestTokens.uniqueSubject("user"));
                    assertEquals(token(a, bearer), token(b, bearer), "both replicas hand out the same token");
                }));
            }
            for (Future<?> user : done) {
                user.get();
            }
        } finally {
            users.shutdownNow();
        }
        // By design a Redis answer later than broker.store.timeout is not waited for: that request is served from
        // the replica's own state, which may repeat one upstream call. Each such answer is counted, and allowed once.
        int late = (int) (storeErrors() - lateBefore);
        assertTrue(late <= 3, late + " late or failed Redis calls: sharing did not work");
        assertBetween(100, 100 + late, tenant.countRequestsMatching(QlikTenantFake.impersonations()
                .build()).getCount(), "one token per user");
        assertBetween(100, 100 + late, tenant.countRequestsMatching(postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH))
                .build()).getCount(), "each user created once");
        assertBetween(100, 100 + late,
                tenant.countRequestsMatching(getRequestedFor(urlPathMatching(QlikTenantFake.USERS_PATH + "/.+"))
                        .build()).getCount(),
                "each user's groups read once, not once per replica");
    }

    private static void assertBetween(int low, int high, int actual, String what) {
        assertTrue(actual >= low && actual <= high, what + ": " + actual + " calls, expected " + low
                + (high == low ? "" : " to " + high));
    }

    /** Redis calls both replicas counted as failed or late (broker_store_errors_total, every operation). */
    private double storeErrors() {
        double sum = 0;
        for (BrokerProcess replica : List.of(a, b)) {
            sum += replica.manage("/q/metrics").body().lines().filter(line -> line.startsWith("broker_store_errors_total"))
                    .mapToDouble(line -> Double.parseDouble(line.split(" ")[1])).sum();
        }
        return sum;
    }

    @Test
    @Order(2)
    void twentyConcurrentFirstRequestsOfOneUserOnBothReplicasMakeOneUpstreamCall() {
        String subject = TestTokens.uniqueSubject("burst");
        String bearer = bearer(subject);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add((i % 2 == 0 ? a : b).postAsync(ROUTE, bearer));
        }
        List<HttpResponse<String>> done = answers.stream().map(CompletableFuture::join).toList();
        assertTrue(done.stream().allMatch(answer -> answer.statusCode() == 200), done.toString());
        assertEquals(1, done.stream().map(HttpResponse::body).distinct().count());
        tokensSeen.add(done.get(0).body());
        tenant.verify(1, impersonationOf(subject));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
        assertTrue(QlikDirectoryFake.of(tenant).userIdOf(subject).isPresent(), "created once, by one replica");
    }

    @Test
    @Order(3)
    void aTokenForgottenOnOneReplicaIsNeverServedAgainByTheOtherAndIsRevokedOnce() {
        String bearer = bearer(TestTokens.uniqueSubject("leaver"));
        String old = token(a, bearer);
        assertEquals(old, token(b, bearer), "both replicas now hold it");

        assertEquals(204, b.delete(ROUTE, bearer).statusCode());
        tenant.verify(1, postRequestedFor(urlPathEqualTo("/oauth/revoke"))
                .withRequestBody(equalToJson("{\"token\": \"" + old + "\"}", true, true)));

        String next = token(a, bearer);
        assertNotEquals(old, next, "the replica that did not see the DELETE dropped its copy");
        assertEquals(next, token(b, bearer));
        tenant.verify(1, postRequestedFor(urlPathEqualTo("/oauth/revoke")));
    }

    @Test
    @Order(4)
    void thePerUserLimitIsOneBudgetForBothReplicas() {
        String subject = TestTokens.uniqueSubject("eager");
        String bearer = bearer(subject);
        for (int i = 0; i < PER_USER; i++) {
            token(i % 2 == 0 ? a : b, bearer);
        }
        HttpResponse<String> refused = a.post(ROUTE, bearer);
        assertEquals(429, refused.statusCode(), "each replica alone would still allow it");
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, b.post(ROUTE, bearer).statusCode());
        // One mint: the other answers came from the cache and still counted; the refusals never reached Qlik.
        tenant.verify(1, impersonationOf(subject));
    }

    @Test
    @Order(5)
    void noSecretTokenOrUserIsReadableInRedis() throws Exception {
        Map<String, String> dump = redis.dump();
        assertFalse(dump.isEmpty(), "the replicas share through Redis");
        String everything = String.join("\n", dump.keySet()) + "\n" + String.join("\n", dump.values());
        for (String token : tokensSeen) {
            assertFalse(everything.contains(token), "a token is readable in Redis");
        }
        for (String subject : subjectsSeen) {
            assertFalse(everything.contains(subject), "a user is readable in Redis");
        }
        assertFalse(everything.contains(QlikTenantFake.CLIENT_SECRET));
        assertFalse(everything.contains(QlikDirectoryFake.ADMIN_CLIENT_SECRET));
        assertFalse(everything.contains(QlikDirectoryFake.ADMIN_TOKEN));
        assertFalse(everything.contains("user-1"), "nor a Qlik user id");
        assertFalse(everything.contains(QlikTenantFake.CLIENT_ID));
        assertFalse(everything.contains(TestTokens.ISSUER));
        assertTrue(dump.keySet().stream().allMatch(key -> key.startsWith("qlik-token-broker:")), dump.keySet().toString());
    }

    @Test
    @Order(6)
    void qliksRateLimitSeenByOneReplicaPausesTheOther() {
        String first = TestTokens.uniqueSubject("paused");
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.user_lookup.value", equalTo(first)))
                .willReturn(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", "2")));
        assertEquals(503, a.post(ROUTE, bearer(first)).statusCode());

        String second = TestTokens.uniqueSubject("waiting");
        HttpResponse<String> paused = b.post(ROUTE, bearer(second));
        assertEquals(503, paused.statusCode(), paused.body());
        assertTrue(paused.body().contains("qlik-rate-limited"), paused.body());
        tenant.verify(0, impersonationOf(second));

        String waiting = bearer(second);
        // Every 400 ms: each try counts against the user's own limit.
        assertTrue(Poll.until(() -> b.post(ROUTE, waiting).statusCode() == 200, Duration.ofSeconds(10),
                Duration.ofMillis(400)),
                "the pause ends with Qlik's Retry-After");
    }

    @Test
    @Order(7)
    void withRedisDownBothReplicasServeFromTheirOwnStateAndSharingResumesWhenItIsBack() throws Exception {
        String cachedBearer = bearer(TestTokens.uniqueSubject("steady"));
        String cached = token(a, cachedBearer);
        redis.stop();

        assertEquals(cached, token(a, cachedBearer), "a cached token is still served");
        long started = System.nanoTime();
        token(b, bearer(TestTokens.uniqueSubject("newcomer")));
        long newUserMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(newUserMillis < 3000, "a new user waited " + newUserMillis + " ms");
        long cachedStarted = System.nanoTime();
        token(a, cachedBearer);
        System.out.printf("With Redis down: a new user's first token took %d ms, a cached one %d ms%n", newUserMillis,
                (System.nanoTime() - cachedStarted) / 1_000_000);
        for (BrokerProcess replica : List.of(a, b)) {
            assertTrue(Poll.until(() -> replica.manage("/q/health/well").statusCode() == 503, Duration.ofSeconds(5)),
                    "broker-store goes DOWN");
            assertTrue(replica.manage("/q/health/well").body().contains("\"broker-store\""));
            assertEquals(200, replica.manage("/q/health/ready").statusCode(), "readiness does not depend on Redis");
        }

        redis.startAgain();
        for (BrokerProcess replica : List.of(a, b)) {
            assertTrue(Poll.until(() -> replica.manage("/q/health/well").statusCode() == 200, Duration.ofSeconds(10)),
                    "broker-store comes back UP");
        }
        String subject = TestTokens.uniqueSubject("after");
        String bearer = bearer(subject);
        assertEquals(token(a, bearer), token(b, bearer), "sharing resumed without a restart");
        tenant.verify(1, impersonationOf(subject));
    }
}
