package dev.tern.kernel;

/**
 * A pending timer, as returned by {@code sendAfter}. Cancelling after it fired is harmless.
 */
public final class TimerRef {

    final long deadline;
    final long sequence;
    final Runnable action;
    volatile boolean cancelled;

    TimerRef(long deadline, long sequence, Runnable action) {
        this.deadline = deadline;
        this.sequence = sequence;
        this.action = action;
    }

    /** Returns true when the timer had not fired or been cancelled before. */
    public boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        return true;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
