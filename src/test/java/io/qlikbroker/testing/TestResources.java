package io.qlikbroker.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The two fakes every test runs against: the app's identity provider and the Qlik tenant. Declared once here
 * (unrestricted), so all {@code @QuarkusTest} classes share one application start.
 */
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = QlikTenantFake.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {

    private TestResources() {
    }
}
