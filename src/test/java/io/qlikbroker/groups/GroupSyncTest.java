package io.qlikbroker.groups;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.qlikbroker.testing.InjectSecondTenant;
import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.MetricsScrape;
import io.qlikbroker.testing.ParallelRequests;
import io.qlikbroker.testing.QlikDirectoryFake;
import io.qlikbroker.testing.QlikDirectoryFake.Group;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.SecondTenantFake;
import io.qlikbroker.testing.TenantsProfile;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The app's groups become the user's custom groups in Qlik, before its token is minted, and only when they change. */
@QuarkusTest
@TestProfile(TenantsProfile.class)
class GroupSyncTest extends QlikTenantTestBase {

    private static final String EU_ROUTE = "/tenants/eu/access-token";

    @InjectSecondTenant
    WireMockServer eu;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URI broker;

    QlikDirectoryFake directory;
    QlikDirectoryFake euDirectory;
    /** Makes this test's group names its own: the broker remembers group ids across tests. */
    String tag;

    @BeforeEach
    void directories() {
        QlikTenantFake.reset(eu);
        directory = QlikDirectoryFake.of(tenant);
        directory.serveOn(tenant);
        euDirectory = QlikDirectoryFake.of(eu);
        euDirectory.serveOn(eu);
        tag = user.substring(user.indexOf('-') + 1, user.lastIndexOf('-'));
    }

    /** The profile's default tenant and eu each serve only users whose token names them. */
    private static String bearer(String subject, String... groups) {
        return TestTokens.sign(TestTokens.claims(subject).claim("groups", List.of(groups))
                .claim("qlik_tenants", List.of("default")).claim("tenants", List.of("eu")));
    }

    private List<String> namesOf(QlikDirectoryFake fake, String subject) {
        return fake.groupsOf(fake.userIdOf(subject).orElseThrow()).stream().map(Group::name).sorted().toList();
    }

    private static RequestPatternBuilder directoryCalls() {
        return anyRequestedFor(urlPathMatching("/api/v1/.*"));
    }

    @Test
    void firstVisitCreatesTheMissingGroupsAndAddsTheMembershipsBeforeMinting() {
        String analysts = "analysts-" + tag;
        String sales = "sales-" + tag;
        String existing = directory.addGroup("CG-" + sales, "custom");
        String log;
        try (LogCapture capture = LogCapture.open()) {
            given().auth().oauth2(bearer(user, analysts, sales)).when().post("/access-token")
                    .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
            log = capture.text();
        }

        String userId = directory.userIdOf(user).orElseThrow();
        assertEquals(List.of("CG-" + analysts, "CG-" + sales), namesOf(directory, user));
        String created = directory.groupsNamed("CG-" + analysts).get(0).id();
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + QlikDirectoryFake.ADMIN_TOKEN))
                .withRequestBody(equalToJson("""
                        {"name": "CG-%s", "status": "active", "providerType": "custom"}""".formatted(analysts))));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH)));
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH))
                .withQueryParam("filter", equalTo("name eq \"CG-" + sales + "\"")));
        for (String groupId : List.of(created, existing)) {
            tenant.verify(1, patchRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH + "/" + userId))
                    .withHeader("Authorization", equalTo("Bearer " + QlikDirectoryFake.ADMIN_TOKEN))
                    .withRequestBody(equalToJson("""
                            [{"op": "add", "path": "/assignedGroups/-", "value": "%s"}]""".formatted(groupId))));
        }
        tenant.verify(2, patchRequestedFor(urlPathMatching(QlikTenantFake.USERS_PATH + "/.*")));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .withRequestBody(equalToJson("{\"grant_type\": \"urn:qlik:oauth:user-impersonation\"}", true, true)));
        assertTrue(log.contains("groups changed tenant=default identity=" + user + " added=[\"CG-" + analysts
                + "\",\"CG-" + sales + "\"] removed=[]"), log);
        assertTrue(log.contains("groups=changed"), "the decision line says the groups changed: " + log);
    }

    @Test
    void aSecondVisitWithTheSameGroupsMakesNoGroupsOrUsersCall() {
        String token = given().auth().oauth2(bearer(user, "a-" + tag, "b-" + tag)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
        tenant.resetRequests();

        given().auth().oauth2(bearer(user, "b-" + tag, "a-" + tag)).when().post("/access-token")
                .then().statusCode(200).body(is(token));
        assertEquals(List.of(), tenant.findAll(directoryCalls()), "no Users or Groups API call");
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }

    @Test
    void aChangedClaimMakesExactlyTheAddsAndRemovesNeededAndANewToken() {
        String a = "a-" + tag, b = "b-" + tag, c = "c-" + tag;
        String before = given().auth().oauth2(bearer(user, a, b)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
        String idOfA = directory.groupsNamed("CG-" + a).get(0).id();
        tenant.resetRequests();

        String after;
        try (LogCapture capture = LogCapture.open()) {
            after = given().auth().oauth2(bearer(user, b, c)).when().post("/access-token")
                    .then().statusCode(200).extract().asString();
            assertTrue(capture.text().contains("added=[\"CG-" + c + "\"] removed=[\"CG-" + a + "\"]"), capture.text());
        }

        assertEquals(List.of("CG-" + b, "CG-" + c), namesOf(directory, user));
        String userId = directory.userIdOf(user).orElseThrow();
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH)));
        tenant.verify(2, patchRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH + "/" + userId)));
        tenant.verify(1, patchRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH + "/" + userId))
                .withRequestBody(equalToJson("""
                        [{"op": "remove-value", "path": "/assignedGroups", "value": "%s"}]""".formatted(idOfA))));
        assertTrue(!before.equals(after), "a token minted under the old groups is not served again");
    }

    @Test
    void idpGroupsAndGroupsTheBrokerDoesNotManageAreNeverTouched() {
        String userId = directory.addUser(user);
        String idpTwin = directory.addGroup("CG-analysts-" + tag, "idp");
        String finance = directory.addGroup("Finance-" + tag, "custom");
        String stale = directory.addGroup("CG-stale-" + tag, "custom");
        List.of(idpTwin, finance, stale).forEach(group -> directory.assign(userId, group));

        given().auth().oauth2(bearer(user, "analysts-" + tag)).when().post("/access-token").then().statusCode(200);

        assertEquals(List.of("CG-analysts-" + tag, "CG-analysts-" + tag, "Finance-" + tag), namesOf(directory, user));
        List<Group> analysts = directory.groupsNamed("CG-analysts-" + tag);
        assertEquals(List.of("idp", "custom"), analysts.stream().map(Group::providerType).toList(),
                "a custom group was created beside the IdP group of the same name");
        for (String untouched : List.of(idpTwin, finance)) {
            tenant.verify(0, patchRequestedFor(urlPathMatching(QlikTenantFake.USERS_PATH + "/.*"))
                    .withRequestBody(equalToJson("[{\"value\": \"" + untouched + "\"}]", true, true)));
        }
    }

    @Test
    void fiftyConcurrentFirstRequestsOfOneUserMakeOneSync() {
        List<HttpResponse<String>> answers = ParallelRequests.postAccessTokens(broker,
                Collections.nCopies(50, bearer(user, "x-" + tag, "y-" + tag)));

        assertTrue(answers.stream().allMatch(answer -> answer.statusCode() == 200), "all 50 get their token");
        assertEquals(1, answers.stream().map(HttpResponse::body).distinct().count());
        String userId = directory.userIdOf(user).orElseThrow();
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH + "/" + userId)));
        tenant.verify(2, postRequestedFor(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH)));
        tenant.verify(2, patchRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH + "/" + userId)));
    }

    @Test
    void groupNamesWithQuotesBackslashesAndUnicodeReachQlikExactly() {
        String name = "he said \"hi\" \\ 📊 Überblick " + tag;
        given().auth().oauth2(bearer(user, name)).when().post("/access-token").then().statusCode(200);

        assertEquals(List.of("CG-" + name), namesOf(directory, user));
        tenant.verify(1, getRequestedFor(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH))
                .withQueryParam("filter", equalTo("name eq \"CG-he said \\\"hi\\\" \\\\ 📊 Überblick " + tag + "\"")));
        tenant.verify(1, postRequestedFor(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH))
                .withRequestBody(equalToJson("{\"name\": " + QlikTenantFake.jsonString("CG-" + name) + "}", true, true)));
    }

    @Test
    void qlikRateLimitingTheSyncRefusesTheTokenWithRetryAfterUnderDeny() {
        StubMapping tooMany = tenant.stubFor(post(urlPathEqualTo(QlikDirectoryFake.GROUPS_PATH)).atPriority(1)
                .willReturn(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", "7")));
        try {
            given().auth().oauth2(bearer(user, "r-" + tag)).when().post("/access-token").then().statusCode(503)
                    .header("Retry-After", "7")
                    .contentType(startsWith("application/problem+json"))
                    .body("type", is("urn:qlik-token-broker:problem:qlik-groups-unavailable"));
            tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                    .withRequestBody(equalToJson("{\"grant_type\": \"urn:qlik:oauth:user-impersonation\"}", true, true)));

            tenant.resetRequests();
            given().auth().oauth2(bearer(user, "r-" + tag)).when().post("/access-token").then().statusCode(503);
            assertEquals(List.of(), tenant.findAll(directoryCalls()), "the admin client waits out Qlik's pause");
        } finally {
            clock.advance(Duration.ofSeconds(8));
        }
        tenant.removeStub(tooMany);
        given().auth().oauth2(bearer(user, "r-" + tag)).when().post("/access-token").then().statusCode(200);
        assertEquals(List.of("CG-r-" + tag), namesOf(directory, user), "the next request syncs");
    }

    @Test
    void qlikRateLimitingTheSyncStillMintsUnderAllowAndTheAuditLineSaysSo() {
        String userId = euDirectory.addUser(user);
        eu.stubFor(patch(urlPathMatching(QlikTenantFake.USERS_PATH + "/.*")).atPriority(1)
                .willReturn(QlikTenantFake.qlikError(429, "HTTP-429", "Too Many Requests").withHeader("Retry-After", "3")));
        try (LogCapture capture = LogCapture.open()) {
            given().auth().oauth2(bearer(user, "sales")).when().post(EU_ROUTE)
                    .then().statusCode(200).body(startsWith(SecondTenantFake.TOKEN_LABEL));
            assertTrue(capture.text().contains("groups=unsynced"), capture.text());
        } finally {
            clock.advance(Duration.ofSeconds(4));
        }
        assertEquals(List.of(), euDirectory.groupsOf(userId));
    }

    @Test
    void twoTenantsKeepTheirGroupsApart() {
        String euUser = euDirectory.addUser(user);
        given().auth().oauth2(bearer(user, "sales", "emea", "other-" + tag)).when().post("/access-token")
                .then().statusCode(200);
        given().auth().oauth2(bearer(user, "sales", "emea", "other-" + tag)).when().post(EU_ROUTE)
                .then().statusCode(200);

        assertEquals(List.of("CG-emea", "CG-other-" + tag, "CG-sales"), namesOf(directory, user));
        assertEquals(List.of("EU \"EMEA\"", "EU Sales"),
                euDirectory.groupsOf(euUser).stream().map(Group::name).sorted().toList(),
                "eu maps its two groups and ignores the rest");
        eu.verify(1, getRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH))
                .withQueryParam("filter", equalTo("subject eq \"" + user + "\"")));
        eu.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.USERS_PATH)));
    }

    @Test
    void moreGroupsThanTheMaximumIsRefusedWithoutCallingQlik() {
        String[] groups = new String[TenantsProfile.MAX + 1];
        java.util.Arrays.setAll(groups, i -> "g" + i);
        given().auth().oauth2(bearer(user, groups)).when().post("/access-token").then().statusCode(403)
                .body("type", is("urn:qlik-token-broker:problem:too-many-groups"));
        assertEquals(List.of(), tenant.findAll(anyRequestedFor(urlPathMatching("/.*"))));
    }

    @Test
    void theExamplePageShowsTheGroupsTheBrokerSynced() {
        String bearer = bearer(user, "page-" + tag);
        given().auth().oauth2(bearer).when().get("/session").then().statusCode(200)
                .body("groups", contains("CG-page-" + tag)).body("groupsSynced", is(false));
        given().auth().oauth2(bearer).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(bearer).when().get("/session").then().statusCode(200)
                .body("groups", contains("CG-page-" + tag)).body("groupsSynced", is(true));
    }

    @Test
    void syncsAreCountedByTenantAndOutcome() {
        MetricsScrape before = MetricsScrape.now();
        given().auth().oauth2(bearer(user, "m-" + tag)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(bearer(user, "m-" + tag)).when().post("/access-token").then().statusCode(200);
        MetricsScrape after = MetricsScrape.now();
        assertEquals(1, after.since(before, "broker_group_sync_total{outcome=\"changed\",tenant=\"default\"}"));
        assertEquals(1, after.since(before, "broker_group_sync_total{outcome=\"cached\",tenant=\"default\"}"));
    }
}
