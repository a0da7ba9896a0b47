package io.qlikbroker.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application, with the fakes reached over the network. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
