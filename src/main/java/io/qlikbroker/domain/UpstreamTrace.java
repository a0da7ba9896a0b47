package io.qlikbroker.domain;

import java.time.Duration;

/**
 * What the calls to the tenant for one token request looked like, for its audit line: the last attempt's status and
 * the time spent in all attempts. Empty when the request was served from the cache or joined another's call.
 */
public final class UpstreamTrace {

    private volatile String lastStatus;
    private volatile long totalNanos;

    public void attempt(String status, Duration latency) {
        lastStatus = status;
        totalNanos += latency.toNanos();
    }

    /** {@code -} when no call was made on behalf of this request. */
    public String status() {
        return lastStatus == null ? "-" : lastStatus;
    }

    public long latencyMillis() {
        return totalNanos / 1_000_000;
    }
}
