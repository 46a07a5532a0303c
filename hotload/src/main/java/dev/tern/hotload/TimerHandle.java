package dev.tern.hotload;

import dev.tern.hotload.api.ModuleTimer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/** A module timer: scheduled when its context goes live, cancelled when the context closes. */
final class TimerHandle implements ModuleTimer {

    private final ModuleContextImpl<?> owner;
    private final Duration delay;
    private final boolean periodic;
    private final Runnable action;
    private ScheduledFuture<?> future;
    private boolean cancelled;

    TimerHandle(ModuleContextImpl<?> owner, Duration delay, boolean periodic, Runnable action) {
        if (delay.isNegative() || (periodic && delay.isZero())) {
            throw new IllegalArgumentException((periodic ? "Period" : "Delay") + " must be "
                    + (periodic ? "positive" : "zero or positive") + ", got " + delay);
        }
        this.owner = owner;
        this.delay = delay;
        this.periodic = periodic;
        this.action = action;
    }

    /** Schedules the timer unless it was cancelled or is already scheduled. */
    synchronized void schedule(ModuleTimers timers) {
        if (cancelled || future != null) {
            return;
        }
        future = periodic ? timers.periodic(delay, action) : timers.once(delay, this::fireOnce);
    }

    private void fireOnce() {
        action.run();
        owner.forget(this);
    }

    @Override
    public boolean cancel() {
        synchronized (this) {
            if (cancelled || (future != null && future.isDone())) {
                return false;
            }
            cancelled = true;
            if (future != null) {
                future.cancel(false);
            }
        }
        owner.forget(this);
        return true;
    }
}
