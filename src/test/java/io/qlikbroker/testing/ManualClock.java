package io.qlikbroker.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves forward when a test moves it: from a fixed start ({@link #at}) for plain unit tests, or
 * from real time ({@link TestClock}) for the running application.
 */
public class ManualClock extends Clock {

    private final Instant start;
    private volatile Duration offset = Duration.ZERO;

    protected ManualClock(Instant start) {
        this.start = start;
    }

    /** Stands still at {@code start} until moved. */
    public static ManualClock at(Instant start) {
        return new ManualClock(start);
    }

    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Where the clock stands before it was moved. */
    protected Instant base() {
        return start;
    }

    @Override
    public Instant instant() {
        return base().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
