package dev.tern.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place a call's reply can land, like an OTP alias: the first of reply, server exit
 * or timeout fills it and later ones are dropped, so a late reply never reaches the caller's
 * mailbox. A caller thread spins briefly, then parks; a kernel scheduler thread parks through
 * {@link Scheduler#blocking}, so the scheduler adds a worker meanwhile.
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
        ProcessCell self = ProcessCell.CURRENT.get();
        if (self != null && self.kernel.scheduler.isWorkerThread()) {
            // A behaviour's turn is blocking a scheduler thread: let the scheduler make up for it.
            self.kernel.scheduler.blocking(this::parkUntilFilled);
        } else if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
            // A caller on some fork-join pool (CompletableFuture's, say): let that pool compensate.
            try {
                ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                    @Override
                    public boolean block() {
                        parkUntilFilled();
                        return true;
                    }

                    @Override
                    public boolean isReleasable() {
                        return outcome != null;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            parkUntilFilled();
        }
    }

    private void parkUntilFilled() {
        boolean interrupted = false;
        try {
            while (outcome == null) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    // A plain process is interrupted when killed; any other interrupt is kept for
                    // the caller, but cleared meanwhile so that park blocks again.
                    ProcessCell self = ProcessCell.CURRENT.get();
                    if (self != null) {
                        self.throwIfKilled();
                    }
                    interrupted = true;
                }
            }
        } finally {
            waiter = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
