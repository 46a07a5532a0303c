package dev.tern.kernel;

import java.time.Duration;

/**
 * The request-reply protocol shared by GenServer, GenStatem, supervisors and {@code sys}: a
 * {@link Call} message carrying a {@link From}, a monitor on the server for the duration,
 * and an optional timeout, all resolved through one {@link ReplySlot}.
 */
final class Calls {

    /** The message a call sends. */
    record Call(Object request, From from) {
    }

    /** The message a cast sends. */
    record Cast(Object message) {
    }

    /** A reply that makes the caller throw, for an unexpected or failed request. */
    record ErrorReply(Exception error) {
    }

    private Calls() {
    }

    /** Sends {@code message} built around a fresh reply slot to {@code server} and waits for the outcome. */
    static Object call(Kernel kernel, Pid server, Duration timeout, java.util.function.Function<From, Object> message) {
        ProcessCell caller = ProcessCell.CURRENT.get();
        if (caller != null && caller.pid.equals(server)) {
            throw new IllegalStateException("Process " + server + " called itself; it would wait for ever "
                    + "for its own reply");
        }
        ReplySlot slot = new ReplySlot();
        MonitorRef monitor = kernel.monitorFor(slot, server);
        TimerRef timer = null;
        Object outcome;
        try {
            if (!slot.isDone()) {
                Object call = message.apply(new From(caller == null ? null : caller.pid, slot));
                if (caller != null && caller.kernel == server.cell.kernel) {
                    // A calling process would park until the reply; run the server's turn instead.
                    // Most such calls have their reply when it returns, so the timer is armed only
                    // when one has not, for the part of the timeout that is left.
                    long start = kernel.clock.nanoTime();
                    server.cell.deliverAndRun(call);
                    if (!slot.isDone() && timeout != null) {
                        long left = timeout.toNanos() - (kernel.clock.nanoTime() - start);
                        timer = kernel.timers.schedule(left, slot::timeOut);
                    }
                } else {
                    if (timeout != null) {
                        timer = kernel.timers.schedule(timeout.toNanos(), slot::timeOut);
                    }
                    server.cell.deliver(call);
                }
            }
            if (!slot.isDone()) {
                kernel.scheduler.flushHandoff();
            }
            // Throws ProcessExit when the calling process is killed while it waits.
            outcome = slot.await();
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            kernel.demonitor(monitor);
        }
        return switch (outcome) {
            case ReplySlot.Failed failed -> throw new CallException(server, failed.reason(),
                    "Call to " + server + " failed: the process exited with reason " + failed.reason(), null);
            case ReplySlot.TimedOut timedOut -> throw new CallTimeoutException(server, timeout);
            case ErrorReply error -> throw new CallException(server, null,
                    "Call to " + server + " failed: " + error.error().getMessage(), error.error());
            case null -> null;
            default -> outcome;
        };
    }
}
