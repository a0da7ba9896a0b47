package io.qlikbroker.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.ParallelRequests;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each user's token is reused until the refresh margin, minted once however many ask at once, never shared. */
@QuarkusTest
class TokenReuseTest extends QlikTenantTestBase {

    @TestHTTPResource("/")
    URI broker;

    @Inject
    TestClock clock;

    @Test
    void concurrentRequestsOfOneUserMakeOneUpstreamCall() {
        slowTenant();
        String bearer = TestTokens.bearer(user);
        List<HttpResponse<String>> answers = ParallelRequests.postAccessTokens(broker, Collections.nCopies(50, bearer));

        answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.body()));
        assertEquals(1, answers.stream().map(HttpResponse::body).distinct().count(), "all got the same token");
        assertTrue(answers.get(0).body().startsWith(QlikTenantFake.tokenPrefixFor(user)));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void concurrentUsersEachGetTheTokenMintedForThem() {
        slowTenant();
        List<String> users = IntStream.range(0, 50).mapToObj(i -> TestTokens.uniqueSubject("user" + i)).toList();
        List<HttpResponse<String>> answers = ParallelRequests.postAccessTokens(broker,
                users.stream().map(TestTokens::bearer).toList());

        for (int i = 0; i < users.size(); i++) {
            assertEquals(200, answers.get(i).statusCode(), answers.get(i).body());
            assertTrue(answers.get(i).body().startsWith(QlikTenantFake.tokenPrefixFor(users.get(i))),
                    users.get(i) + " received " + answers.get(i).body());
        }
        tenant.verify(50, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void reusesCachedTokenUntilRefreshMargin() {
        String first = requestToken();
        // Qlik's token lives 6 hours; the default margin is 5 minutes.
        clock.advance(Duration.ofHours(6).minusMinutes(5).minusSeconds(10));
        assertEquals(first, requestToken(), "reused before the margin");
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(20));
        String second = requestToken();
        assertNotEquals(first, second, "refreshed once the margin is reached");
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void jsonExpiresInIsTheRemainingLifetime() {
        requestToken();
        clock.advance(Duration.ofHours(1));
        int expiresIn = given().auth().oauth2(TestTokens.bearer(user)).accept("application/json")
                .when().post("/access-token").then().statusCode(200).extract().path("expires_in");
        assertTrue(expiresIn <= 5 * 3600 && expiresIn > 5 * 3600 - 10, "expires_in " + expiresIn);
    }

    @Test
    void failureIsNotCached() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .willReturn(QlikTenantFake.qlikError(403, "HTTP-403", "Forbidden")));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(403);
        QlikTenantFake.reset(tenant);

        assertTrue(requestToken().startsWith(QlikTenantFake.tokenPrefixFor(user)));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void deleteForgetsTheCallersTokenOnly() {
        String other = TestTokens.uniqueSubject("bob");
        String othersToken = given().auth().oauth2(TestTokens.bearer(other)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
        String first = requestToken();

        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        String second = requestToken();

        assertNotEquals(first, second);
        assertEquals(othersToken, given().auth().oauth2(TestTokens.bearer(other)).when().post("/access-token")
                .then().statusCode(200).extract().asString(), "another user's token is untouched");
        tenant.verify(3, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
        tenant.verify(0, postRequestedFor(urlPathEqualTo("/oauth/revoke")));
    }

    @Test
    void deleteWithNothingCachedIs204AndNeedsCredentials() {
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        given().when().delete("/access-token").then().statusCode(401);
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    private String requestToken() {
        return given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
    }

    /** Holds the tenant's answers long enough that the parallel requests overlap. */
    private void slowTenant() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .willReturn(aResponse().withTransformers(QlikTenantFake.MINT_TOKEN).withFixedDelay(300)));
    }
}
