package dev.tern.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for conditions that processes bring about, so tests never sleep; the limit only stops a broken test from hanging. */
public final class Await {

    public static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {
    }

    public static void until(String condition, BooleanSupplier check) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out waiting until " + condition);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
