package io.qlikbroker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.BrowserSession;
import io.qlikbroker.testing.ProvisioningTestBase;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.StrictProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Configured origins replace the default, and a required header must accompany every cookie call. */
@QuarkusTest
@TestProfile(StrictProfile.class)
class CsrfRequiredHeaderTest extends ProvisioningTestBase {

    static final String APP = StrictProfile.APP_ORIGIN;

    @TestHTTPResource("/")
    URI broker;

    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    @Test
    void configuredOriginWithTheHeaderIsAllowed() {
        BrowserSession browser = BrowserSession.signIn(broker, keycloakUrl);
        assertEquals(200, browser.post("/access-token", Map.of("Origin", APP, "X-Requested-With", "fetch")).statusCode());
        assertEquals(403, browser.post("/access-token", Map.of("Origin", APP)).statusCode(), "header missing");
        assertEquals(403, browser.post("/access-token",
                Map.of("Origin", browser.ownOrigin(), "X-Requested-With", "fetch")).statusCode(), "not a listed origin");
        // The profile caches no token: one mint for the allowed call, none for the refused ones.
        tenant.verify(1, QlikTenantFake.impersonations());
    }
}
