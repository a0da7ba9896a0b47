package io.qlikbroker.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;

/** A tenant whose Users API knows nobody yet and whose provisioning client gets its token. */
public abstract class ProvisioningTestBase extends QlikTenantTestBase {

    @BeforeEach
    void usersApi() {
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(2)
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials")))
                .willReturn(okJson("{\"access_token\": \"" + ProvisioningProfile.ADMIN_TOKEN
                        + "\", \"token_type\": \"bearer\", \"expires_in\": 3600, \"scope\": \"admin.users\"}")));
        tenant.stubFor(get(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(5).willReturn(QlikTenantFake.usersPage()));
        tenant.stubFor(post(urlPathEqualTo(QlikTenantFake.USERS_PATH)).atPriority(5).willReturn(created("qlik-id-1")));
    }

    static ResponseDefinitionBuilder created(String id) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + id + "\", \"name\": \"Someone\", \"status\": \"active\"}");
    }
}
