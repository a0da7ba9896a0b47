package io.qlikbroker.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The two fakes every test runs against: the app's identity provider and the Qlik tenant. Declared once here
 * (unrestricted), so all {@code @QuarkusTest} classes share one application start.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(QlikTenantFake.class)
public final class TestResources {

    private TestResources() {
    }
}
