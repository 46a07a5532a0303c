package dev.tern.hotload;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer thread behind all modules' timers. Cancelled timers leave its queue at once,
 * so a cancelled timer of a stopped version does not keep that version's messages, and with
 * them its class loader, alive until the deadline. Actions only send a message or start a
 * virtual thread, so one thread suffices.
 */
final class ModuleTimers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleTimers.class);

    private final ScheduledThreadPoolExecutor executor;

    ModuleTimers() {
        executor = new ScheduledThreadPoolExecutor(1, task -> Thread.ofPlatform().daemon().name("hotload-timers").unstarted(task));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    ScheduledFuture<?> once(Duration delay, Runnable action) {
        return executor.schedule(guarded(action), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    ScheduledFuture<?> periodic(Duration period, Runnable action) {
        long nanos = period.toNanos();
        return executor.scheduleAtFixedRate(guarded(action), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Returns the number of pending timers of all modules. */
    int pending() {
        return executor.getQueue().size();
    }

    // A periodic task that throws is never run again, so each firing catches and logs.
    private static Runnable guarded(Runnable action) {
        return () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("Module timer action failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
