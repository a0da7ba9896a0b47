package io.qlikbroker.audit;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

/**
 * Token requests refused before any identity was established (401s). Anyone on the network can send them, so one
 * audit line each would let anyone flood the log: they are summed and written at most once a second, as one line
 * with their count. The metric ({@code broker_token_requests_total}) still counts each one exactly.
 */
final class AnonymousRefusals {

    static final long INTERVAL_MILLIS = 1000;

    private final Logger log;
    private final Clock clock;
    private final LongAdder pending = new LongAdder();
    private final AtomicLong nextLineAt = new AtomicLong();

    AnonymousRefusals(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void refused() {
        pending.increment();
        flushIfDue();
    }

    /** Writes the line if a second has passed since the last one; called on each refusal and by a timer. */
    void flushIfDue() {
        long now = clock.millis();
        long due = nextLineAt.get();
        if (now >= due && nextLineAt.compareAndSet(due, now + INTERVAL_MILLIS)) {
            flush();
        }
    }

    /** Writes what is pending now (at shutdown, so that nothing counted is lost). */
    void flush() {
        long count = pending.sumThenReset();
        if (count > 0) {
            log.infof("token decisions refused without identity outcome=unauthenticated count=%d", count);
        }
    }
}
