package io.qlikbroker.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the test cannot move on its own clock (a timer, another process), checking every 50 ms. */
public final class Poll {

    private Poll() {
    }

    /** True as soon as {@code condition} holds; false when it still does not after {@code limit}. */
    public static boolean until(BooleanSupplier condition, Duration limit) {
        return until(condition, limit, Duration.ofMillis(50));
    }

    /** As {@link #until(BooleanSupplier, Duration)}, checking every {@code interval}: for conditions that cost. */
    public static boolean until(BooleanSupplier condition, Duration limit, Duration interval) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
