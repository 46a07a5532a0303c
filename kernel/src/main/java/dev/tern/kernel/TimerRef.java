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
    private final TimerService service;
    private volatile boolean cancelled;

    /** Position in the service's heap, or -1 once taken out; guarded by the service's lock. */
    int heapIndex = -1;

    TimerRef(TimerService service, long deadline, long sequence, Runnable action) {
        this.service = service;
        this.deadline = deadline;
        this.sequence = sequence;
        this.action = action;
    }

    /**
     * Returns true when the timer had not fired or been cancelled before, and takes it off
     * the timer heap at once, so a cancelled timer holds no memory until its deadline.
     */
    public boolean cancel() {
        if (!claim()) {
            return false;
        }
        service.remove(this);
        return true;
    }

    /** Marks the timer done; of a cancel racing the firing, exactly one claims it. */
    boolean claim() {
        return CANCELLED.compareAndSet(this, false, true);
    }

    boolean isCancelled() {
        return cancelled;
    }
}
