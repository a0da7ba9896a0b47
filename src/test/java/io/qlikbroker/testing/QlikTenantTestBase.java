package io.qlikbroker.testing;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

/** For tests that talk to the fake tenant: each test starts from a well-behaved tenant with no recorded requests. */
public abstract class QlikTenantTestBase {

    @InjectQlikTenant
    protected WireMockServer tenant;

    @BeforeEach
    void resetTenant() {
        QlikTenantFake.reset(tenant);
    }
}
