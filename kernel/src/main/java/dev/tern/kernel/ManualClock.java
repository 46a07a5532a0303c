package dev.tern.kernel;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test calls {@link #advance}. Timers that fall due fire
 * during that call, in deadline order, so tests of timeouts and restart windows run without
 * sleeping.
 */
public final class ManualClock implements Clock {

    private final AtomicLong now = new AtomicLong();
    private volatile TimerService timers;

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves time forward by {@code step} and fires every timer due by then. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("Cannot move a clock backwards by " + step);
        }
        now.addAndGet(step.toNanos());
        TimerService service = timers;
        if (service != null) {
            service.fireDue();
        }
    }

    void attach(TimerService service) {
        this.timers = service;
    }
}
