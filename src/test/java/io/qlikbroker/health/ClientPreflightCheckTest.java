package io.qlikbroker.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.qlikbroker.testing.InjectSecondTenant;
import io.qlikbroker.testing.LogCapture;
import io.qlikbroker.testing.Management;
import io.qlikbroker.testing.Poll;
import io.qlikbroker.testing.QlikDirectoryFake;
import io.qlikbroker.testing.QlikDirectoryFake.OAuthClient;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TenantsProfile;
import io.qlikbroker.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With an admin client configured, the wellness check {@code qlik-client} reads the impersonation client's
 * configuration on the tenant and says, before any user meets it, what would fail: no impersonation grant, a page
 * origin not allowed, scopes beyond qlik.scope. It reads again every five minutes (the broker's clock) and logs each
 * change of verdict once.
 */
@QuarkusTest
@TestProfile(TenantsProfile.class)
class ClientPreflightCheckTest extends QlikTenantTestBase {

    private static final String CLIENTS_PATH = "/api/v1/oauth-clients";

    @Inject
    TestClock clock;

    @InjectSecondTenant
    WireMockServer eu;

    private QlikDirectoryFake directory;

    @BeforeEach
    void fitClient() {
        QlikTenantFake.reset(eu);
        QlikDirectoryFake.of(eu).serveOn(eu);
        directory = QlikDirectoryFake.of(tenant);
        directory.serveOn(tenant);
        directory.oauthClient(OAuthClient.fit(QlikTenantFake.CLIENT_ID));
        untilBothClientsAreUp();
    }

    @Test
    void aFitClientIsUpForEveryTenantWithAnAdminClient() {
        Management.given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'qlik-client' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'qlik-client' }.data.client", equalTo(QlikTenantFake.CLIENT_ID))
                .body("checks.find { it.name == 'qlik-client-eu' }.status", equalTo("UP"));
    }

    @Test
    void aClientUnfitForImpersonationIsDownWithPlainReasonsLoggedOncePerChange() {
        directory.oauthClient(new OAuthClient(QlikTenantFake.CLIENT_ID, List.of("client_credentials"),
                List.of("https://other.example.com/"), List.of("user_default", "admin_classic")));
        nextCheck();
        try (LogCapture log = LogCapture.open()) {
            int readsBefore = reads();
            for (int probe = 0; probe < 3; probe++) {
                Management.given().when().get("/q/health/well").then().statusCode(503)
                        .body("checks.find { it.name == 'qlik-client' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'qlik-client' }.data.toString()",
                                containsString("lacks the grant urn:qlik:oauth:user-impersonation"))
                        .body("checks.find { it.name == 'qlik-client' }.data.toString()",
                                containsString("does not allow the origin " + QlikDirectoryFake.PAGE_ORIGIN))
                        .body("checks.find { it.name == 'qlik-client' }.data.toString()",
                                containsString("beyond qlik.scope (user_default): admin_classic"));
            }
            assertEquals(1, reads() - readsBefore, "one read of the client for three probes within five minutes");
            assertEquals(1, log.text().lines().filter(line -> line.contains("Qlik OAuth client check tenant=default"))
                    .count(), log.text());
        }

        directory.oauthClient(OAuthClient.fit(QlikTenantFake.CLIENT_ID));
        nextCheck();
        try (LogCapture log = LogCapture.open()) {
            Management.given().when().get("/q/health/well").then()
                    .body("checks.find { it.name == 'qlik-client' }.status", equalTo("UP"));
            assertTrue(log.text().contains("Qlik OAuth client check tenant=default: fit for impersonation"), log.text());
        }
    }

    @Test
    void aClientTheTenantDoesNotHaveIsDown() {
        directory.oauthClient(OAuthClient.absent(QlikTenantFake.CLIENT_ID));
        nextCheck();
        Management.given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'qlik-client' }.data.problem",
                        containsString("has no OAuth client " + QlikTenantFake.CLIENT_ID + " (qlik.client-id)"));
    }

    @Test
    void aFailedReadIsTriedAgainAtTheNextProbeNotInFiveMinutes() {
        StubMapping outage = tenant.stubFor(get(urlPathEqualTo(CLIENTS_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        nextCheck();
        Management.given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'qlik-client' }.data.problem", containsString("could not be read"));
        tenant.removeStub(outage);
        clock.advance(ClientPreflightCheck.AFTER_FAILED_READ.plusSeconds(1));
        Management.given().when().get("/q/health/well").then()
                .body("checks.find { it.name == 'qlik-client' }.status", equalTo("UP"));
    }

    /**
     * The broker reads both clients as it starts, before this class has served the directory: that read fails, and a
     * probe made while it is still under way is answered with its result. Each test starts once a read made against
     * the served directory says UP.
     */
    private void untilBothClientsAreUp() {
        assertTrue(Poll.until(() -> {
            nextCheck();
            var checks = Management.given().when().get("/q/health/well").then().extract().jsonPath();
            return "UP".equals(checks.getString("checks.find { it.name == 'qlik-client' }.status"))
                    && "UP".equals(checks.getString("checks.find { it.name == 'qlik-client-eu' }.status"));
        }, Duration.ofSeconds(10)), "qlik-client and qlik-client-eu UP against a fit client");
    }

    /** Past the five minutes, so that the next probe reads the client again. */
    private void nextCheck() {
        clock.advance(ClientPreflightCheck.INTERVAL.plusSeconds(1));
    }

    private int reads() {
        return tenant.findAll(getRequestedFor(urlPathEqualTo(CLIENTS_PATH))).size();
    }
}
