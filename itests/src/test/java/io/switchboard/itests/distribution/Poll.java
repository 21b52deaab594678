package io.switchboard.itests.distribution;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition of the running platform against a deadline, checking it a few times a second. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /** Returns once the condition holds; fails with the description when the deadline passes first. */
    public static void until(String description, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        if (!within(timeout, condition)) {
            throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + description);
        }
    }

    /** Whether the condition came to hold before the deadline, for a test whose assertions then say what is missing. */
    public static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(INTERVAL.toMillis()); // polling a separate process against the deadline above
        }
        return true;
    }

    /** Lets a load run for the given time: the one place these tests wait for time rather than for a state. */
    static void during(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
