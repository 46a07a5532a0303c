package dev.tern.kernel;

/**
 * The kernel's source of monotonic time. Every timer, receive timeout, call timeout and
 * supervisor restart window reads time through it, so a test can substitute a
 * {@link ManualClock} and advance time without sleeping.
 */
public interface Clock {

    /** Returns monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    Clock SYSTEM = System::nanoTime;
}
