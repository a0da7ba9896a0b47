package io.qlikbroker.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.ParallelRequests;
import io.qlikbroker.testing.ProvisioningTestBase;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.StrictProfile;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** First visit creates the user, once, with the separate admin client; then it is impersonated as usual. */
@QuarkusTest
@TestProfile(StrictProfile.class)
class JustInTimeProvisioningTest extends ProvisioningTestBase {

    @TestHTTPResource("/")
    URI broker;

    @Inject
    TestClock clock;

    /** Lets the provisioning client's cached token (1 hour) lapse, for tests that watch it being fetched. */
    private void expireAdminToken() {
        clock.advance(Duration.ofHours(1).plusMinutes(1));
    }

    @Test
    void createsAnUnknownUserOnFirstVisitThenImpersonatesIt() {
        expireAdminToken();
        String bearer = TestTokens.sign(TestTokens.claims(user).claim("name", "Alice Example")
                .claim("email", "alice@example.com").claim("email_verified", true));
        String log;
        try (LogCapture capture = LogCapture.open()) {
            given().auth().oauth2(bearer).when().post("/access-token")
                    .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
            log = capture.text();
        }

        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).withRequestBody(equalToJson("""
                {"grant_type": "client_credentials", "client_id": "%s", "client_secret": "%s", "scope": "admin.users"}"""
                .formatted(StrictProfile.PROVISIONING_CLIENT_ID, StrictProfile.PROVISIONING_CLIENT_SECRET))));
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH))
                .withQueryParam("filter", equalTo("subject eq \"" + user + "\""))
                .withHeader("Authorization", equalTo("Bearer " + ADMIN_TOKEN)));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + ADMIN_TOKEN))
                .withRequestBody(equalToJson("""
                        {"subject": "%s", "name": "Alice Example", "email": "alice@example.com", "status": "active"}"""
                        .formatted(user))));
        tenant.verify(1, QlikTenantFake.impersonations().withRequestBody(
                equalToJson("{\"user_lookup\": {\"field\": \"subject\", \"value\": \"" + user + "\"}}", true, true)));
        // The profile logs identities as keyed hashes (HashedIdentitiesTest): the line names the created user's id.
        assertTrue(log.matches("(?s).*user created tenant=default subject=hmac:[0-9a-f]{16} user_id=qlik-id-1\\b.*"), log);
    }

    @Test
    void anUnverifiedEmailIsNotCopiedIntoQlik() {
        String bearer = TestTokens.sign(TestTokens.claims(user).claim("name", "Mallory")
                .claim("email", "ceo@example.com").claim("email_verified", false));
        given().auth().oauth2(bearer).when().post("/access-token").then().statusCode(200);
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH))
                .withRequestBody(matchingJsonPath("$.subject", equalTo(user)))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("ceo@example.com")));
    }

    @Test
    void aUserRefusedWith403AndGoneFromTheTenantIsCreatedAgain() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        refuseImpersonationOnceWith(QlikTenantFake.qlikError(403, "HTTP-403", "Forbidden"));

        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
        tenant.verify(3, QlikTenantFake.impersonations());
    }

    @Test
    void aUserFoundDisabledAfterARefusalIsRejected() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        refuseImpersonationOnceWith(QlikTenantFake.qlikError(401, "OAUTH-14", "User not found"));
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(1)
                .willReturn(QlikTenantFake.usersPage("{\"id\": \"qlik-id-1\", \"subject\": "
                        + QlikTenantFake.jsonString(user) + ", \"status\": \"disabled\"}")));

        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(403)
                .body("type", is("urn:qlik-token-broker:problem:qlik-user-rejected"))
                .body("detail", containsString("disabled"));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
        tenant.verify(2, QlikTenantFake.impersonations());
    }

    private void refuseImpersonationOnceWith(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refusal) {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("urn:qlik:oauth:user-impersonation")))
                .inScenario("refused").whenScenarioStateIs(STARTED).willSetStateTo("refused once")
                .willReturn(refusal));
    }

    @Test
    void knownUsersAndTheAdminTokenAreRemembered() {
        expireAdminToken();
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        String other = TestTokens.uniqueSubject("bob");
        given().auth().oauth2(TestTokens.bearer(other)).when().post("/access-token").then().statusCode(200);

        tenant.verify(2, getRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
        tenant.verify(1, adminTokenRequest());
        tenant.verify(3, QlikTenantFake.impersonations());
    }

    @Test
    void existingUserIsLookedUpNotCreated() {
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(1)
                .willReturn(QlikTenantFake.usersPage(QlikTenantFake.userJson("qlik-id-7", user))));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
    }

    @Test
    void craftedSubjectCannotChangeTheFilter() {
        String crafted = user + "\" or subject eq \"admin\\";
        given().auth().oauth2(TestTokens.bearer(crafted)).when().post("/access-token").then().statusCode(200);
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)).withQueryParam("filter",
                equalTo("subject eq \"" + user + "\\\" or subject eq \\\"admin\\\\\"")));
    }

    @Test
    void concurrentFirstVisitsCreateTheUserOnce() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(1)
                .willReturn(created("qlik-id-2").withFixedDelay(300)));
        List<HttpResponse<String>> answers = ParallelRequests.postAccessTokens(broker,
                Collections.nCopies(20, TestTokens.bearer(user)));
        answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.body()));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
    }

    @Test
    void aRaceLostToAnotherCreatorIsSuccess() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(1)
                .willReturn(QlikTenantFake.qlikError(409, "USERS-409", "Conflict")));
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(1)
                .inScenario("race").whenScenarioStateIs(STARTED).willSetStateTo("created elsewhere")
                .willReturn(QlikTenantFake.usersPage()));
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(1)
                .inScenario("race").whenScenarioStateIs("created elsewhere")
                .willReturn(QlikTenantFake.usersPage(QlikTenantFake.userJson("qlik-id-3", user))));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        tenant.verify(2, getRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
    }

    @Test
    void userDeletedOnTheTenantIsCreatedAgain() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().delete("/access-token").then().statusCode(204);
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("urn:qlik:oauth:user-impersonation")))
                .inScenario("deleted").whenScenarioStateIs(STARTED).willSetStateTo("recreated")
                .willReturn(QlikTenantFake.qlikError(401, "OAUTH-14", "User not found")));

        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
    }

    @Test
    void rejectedAdminClientIs502WithAnOperatorHint() {
        expireAdminToken();
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials")))
                .willReturn(QlikTenantFake.qlikError(401, "OAUTH-14", "invalid_client")));
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(502)
                .body("type", is("urn:qlik-token-broker:problem:qlik-provisioning-rejected"))
                .body("detail", containsString("qlik.provisioning.client-secret"))
                .body(org.hamcrest.Matchers.not(containsString(StrictProfile.PROVISIONING_CLIENT_SECRET)));
        tenant.verify(0, QlikTenantFake.impersonations());
    }

    @Test
    void rateLimitedUsersApiIs503WithRetryAfter() {
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(1)
                .willReturn(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", "7")));
        try {
            given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                    .then().statusCode(503).header("Retry-After", "7")
                    .body("type", is("urn:qlik-token-broker:problem:qlik-rate-limited"));
            tenant.verify(0, QlikTenantFake.impersonations());

            tenant.resetRequests();
            given().auth().oauth2(TestTokens.bearer(TestTokens.uniqueSubject("bob"))).when().post("/access-token")
                    .then().statusCode(503);
            tenant.verify(0, anyRequestedFor(urlPathMatching("/api/v1/.*")));
        } finally {
            // Qlik's pause is the admin client's, for every user: let it pass for the other tests.
            clock.advance(Duration.ofSeconds(8));
        }
    }

    private static RequestPatternBuilder adminTokenRequest() {
        return postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials")));
    }

}
