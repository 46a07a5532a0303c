package dev.tern.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A pending timer, as returned by {@code sendAfter}. Cancelling after it fired is harmless.
 */
public final class TimerRef {

    private static final VarHandle CANCELLED;

    static {
        try {
            CANCELLED = MethodHandles.lookup().findVarHandle(TimerRef.class, "cancelled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long deadline;
    final long sequence;
    final Runnable action;
    private volatile boolean cancelled;

    TimerRef(long deadline, long sequence, Runnable action) {
        this.deadline = deadline;
        this.sequence = sequence;
        this.action = action;
    }

    /**
     * Returns true when the timer had not fired or been cancelled before. Firing goes through
     * this method too, so of a cancel racing the firing exactly one wins.
     */
    public boolean cancel() {
        return CANCELLED.compareAndSet(this, false, true);
    }

    boolean isCancelled() {
        return cancelled;
    }
}
