package io.switchboard.templates.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition against a deadline. */
final class Await {
    private Await() {
    }

    /** Returns the milliseconds it took; fails when the deadline passes first. */
    static long until(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2); // polling interval of the await loop, bounded by the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
