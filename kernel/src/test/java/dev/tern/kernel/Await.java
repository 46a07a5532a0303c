package dev.tern.kernel;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for events that processes report, so tests never sleep. {@link #LIMIT} only bounds a
 * wait that would otherwise hang a broken test; no assertion depends on wall-clock time.
 */
final class Await {

    static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Takes the next event, failing when none arrives within {@link #LIMIT}. */
    static <T> T take(BlockingQueue<T> events) throws InterruptedException {
        T event = events.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("No event arrived within " + LIMIT);
        }
        return event;
    }

    /** Spins until {@code check} holds, failing after {@link #LIMIT}. */
    static void until(String condition, BooleanSupplier check) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out waiting until " + condition);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Waits until {@code pid} idles in a receive (or, for a behaviour, between messages). A
     * plain process arms its receive timer before it parks, so after this returns a test may
     * advance a {@link ManualClock} past the timeout.
     */
    static void waiting(Kernel kernel, Pid pid) {
        until(pid + " waits for a message", () -> kernel.info(pid)
                .map(info -> info.status() == ProcessInfo.Status.WAITING)
                .orElseThrow(() -> new AssertionError(pid + " ended while the test waited for it to idle")));
    }
}
