package io.qlikbroker.testing;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

/** For tests that talk to the fake tenant: each test starts from a well-behaved tenant with no recorded requests. */
public abstract class QlikTenantTestBase {

    @InjectQlikTenant
    protected WireMockServer tenant;

    /**
     * A subject no earlier test has used: the broker caches each user's token, so a test that must reach the
     * tenant asks for a user the cache has never seen.
     */
    protected String user;

    @BeforeEach
    void resetTenant() {
        QlikTenantFake.reset(tenant);
        user = TestTokens.uniqueSubject("alice");
    }
}
