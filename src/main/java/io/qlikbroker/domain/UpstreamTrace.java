package io.qlikbroker.domain;

import java.time.Duration;

/**
 * What the calls to the tenant for one token request looked like, for its audit line: the last attempt's status, the
 * time spent in all attempts, and what became of the user's groups. Empty when the request was served from the cache
 * or joined another's call.
 */
public final class UpstreamTrace {

    private volatile String lastStatus;
    private volatile long totalNanos;
    private volatile String groups;

    public void attempt(String status, Duration latency) {
        lastStatus = status;
        totalNanos += latency.toNanos();
    }

    /** {@code -} when no call was made on behalf of this request. */
    public String status() {
        return lastStatus == null ? "-" : lastStatus;
    }

    /** The group sync's status label ({@code cached}, {@code changed}, {@code unsynced}, ...). */
    public void groups(String status) {
        groups = status;
    }

    /** {@code -} when groups are not synced for the tenant or the request never got that far. */
    public String groups() {
        return groups == null ? "-" : groups;
    }

    public long latencyMillis() {
        return totalNanos / 1_000_000;
    }
}
