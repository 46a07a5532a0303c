package dev.tern.server.module;

import dev.tern.kernel.ExitReason;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;
import dev.tern.kernel.TimerRef;
import dev.tern.xmpp.api.module.Cancellable;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel timers of all modules: one process receives each timer's message when it is due
 * and runs the action, so actions of all modules run one at a time. An action must be short;
 * long work belongs in a module's {@link dev.tern.xmpp.api.module.Service}.
 */
final class ModuleTimers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleTimers.class);

    private final Kernel kernel;
    private final Pid runner;

    ModuleTimers(Kernel kernel) {
        this.kernel = kernel;
        this.runner = GenServer.start(kernel, new Runner(), null);
    }

    /**
     * Runs {@code action} after {@code delay}, then every {@code period} unless it is null.
     *
     * @param moduleName names the module in the log line of an action that throws
     */
    Timer schedule(String moduleName, Duration delay, Duration period, Runnable action) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(action, "action");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("Timer delay of module '" + moduleName + "' is " + delay
                    + "; use zero or a positive duration");
        }
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("Timer period of module '" + moduleName + "' is " + period
                    + "; use a positive duration");
        }
        Timer timer = new Timer(moduleName, period, action);
        timer.arm(delay);
        return timer;
    }

    @Override
    public void close() {
        GenServer.stop(kernel, runner, ExitReason.SHUTDOWN, GenServer.DEFAULT_TIMEOUT);
    }

    /** One scheduled action; cancelling it also drops a due message that is already queued. */
    final class Timer implements Cancellable {

        private final String moduleName;
        private final Duration period;
        private final Runnable action;
        private volatile boolean cancelled;
        private volatile TimerRef ref;

        private Timer(String moduleName, Duration period, Runnable action) {
            this.moduleName = moduleName;
            this.period = period;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
            TimerRef current = ref;
            if (current != null) {
                kernel.cancelTimer(current);
            }
        }

        boolean isCancelled() {
            return cancelled;
        }

        private void arm(Duration delay) {
            ref = kernel.sendAfter(delay, runner, this);
            // A cancel that ran between the check in fire and this assignment saw the old ref.
            if (cancelled) {
                kernel.cancelTimer(ref);
            }
        }

        private void fire() {
            if (cancelled) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("Timer action of module '{}' failed", moduleName, e);
            }
            if (period != null && !cancelled) {
                arm(period);
            }
        }
    }

    private static final class Runner implements GenServer<Object> {

        @Override
        public Init<Object> init(ProcessContext self, Object args) {
            return Init.ok("timers");
        }

        @Override
        public Result<Object> handleInfo(Object message, Object state) {
            if (message instanceof Timer timer) {
                timer.fire();
            } else {
                LOG.warn("Module timer process ignored unexpected message '{}'", message);
            }
            return Result.noReply(state);
        }
    }
}
