package io.qlikbroker.qlik;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application, with the fakes reached over the network. */
@QuarkusIntegrationTest
class UpstreamFailureIT extends UpstreamFailureTest {

    /** The packaged broker keeps real time: its one-second pause has to pass. */
    @Override
    protected void awaitRateLimitPause() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
