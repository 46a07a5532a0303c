package dev.tern.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place a call's reply can land, like an OTP alias: the first of reply, server exit
 * or timeout fills it and later ones are dropped, so a late reply never reaches the caller's
 * mailbox. A caller thread waits on it: a kernel scheduler thread through
 * {@link ForkJoinPool#managedBlock} (so the pool adds a worker meanwhile), any other thread
 * by parking.
 */
final class ReplySlot implements Watcher {

    private static final VarHandle OUTCOME;

    static {
        try {
            OUTCOME = MethodHandles.lookup().findVarHandle(ReplySlot.class, "outcome", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Spin this many times before parking: a local round trip often completes meanwhile. */
    private static final int SPINS = 2_000;

    /** The server ended before replying. */
    record Failed(ExitReason reason) {
    }

    /** The timeout passed before a reply. */
    record TimedOut() {
    }

    private static final Object NULL_REPLY = new Object();
    private static final Object TIMED_OUT = new TimedOut();

    @SuppressWarnings("unused") // accessed through OUTCOME
    private volatile Object outcome;
    private volatile Thread waiter;

    /** Fills the slot with a reply; returns false when it was already filled. */
    boolean complete(Object reply) {
        return fill(reply == null ? NULL_REPLY : reply);
    }

    boolean fail(ExitReason reason) {
        return fill(new Failed(reason));
    }

    boolean timeOut() {
        return fill(TIMED_OUT);
    }

    boolean isDone() {
        return outcome != null;
    }

    @Override
    public void down(MonitorRef ref, Pid pid, ExitReason reason) {
        fail(reason);
    }

    /**
     * Waits until filled and returns the outcome: the reply (null allowed), a {@link Failed}
     * or a {@link TimedOut}. Callers tell a reply from the markers with {@code instanceof}.
     */
    Object await() {
        for (int i = 0; i < SPINS && outcome == null; i++) {
            Thread.onSpinWait();
        }
        if (outcome == null) {
            block();
        }
        Object value = outcome;
        return value == NULL_REPLY ? null : value;
    }

    private boolean fill(Object value) {
        if (!OUTCOME.compareAndSet(this, null, value)) {
            return false;
        }
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    private void block() {
        waiter = Thread.currentThread();
        if (Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread) {
            try {
                ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                    @Override
                    public boolean block() {
                        if (outcome == null) {
                            LockSupport.park(ReplySlot.this);
                        }
                        return outcome != null;
                    }

                    @Override
                    public boolean isReleasable() {
                        return outcome != null;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (outcome == null) {
            LockSupport.park(this);
        }
        waiter = null;
    }
}
