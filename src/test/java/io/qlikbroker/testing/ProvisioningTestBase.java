package io.qlikbroker.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * A tenant whose Users API knows nobody yet and whose provisioning client gets its token: what a test needs of the
 * tenant wherever users are created on their first visit, as in every test of {@link StrictProfile}.
 */
public abstract class ProvisioningTestBase extends QlikTenantTestBase {

    /** The token the fake gives the provisioning client. */
    public static final String ADMIN_TOKEN = "admin-token-for-users-api";

    @BeforeEach
    void usersApi() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(2)
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials")))
                .willReturn(okJson("{\"access_token\": \"" + ADMIN_TOKEN
                        + "\", \"token_type\": \"bearer\", \"expires_in\": 3600, \"scope\": \"admin.users\"}")));
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(5).willReturn(QlikTenantFake.usersPage()));
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(5).willReturn(created("qlik-id-1")));
    }

    public static ResponseDefinitionBuilder created(String id) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + id + "\", \"name\": \"Someone\", \"status\": \"active\"}");
    }
}
