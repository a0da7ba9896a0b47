package io.qlikbroker.qlik;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application, with the fakes reached over the network. */
@QuarkusIntegrationTest
class UpstreamFailureIT extends UpstreamFailureTest {
}
