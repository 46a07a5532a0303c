package dev.tern.kernel;

import dev.tern.kernel.ChildSpec.ChildType;
import dev.tern.kernel.ChildSpec.Restart;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Starts and talks to supervisors, as OTP's {@code supervisor} module. A supervisor starts its
 * children in order, restarts them by its strategy, and stops them in reverse order.
 */
public final class Supervisor {

    /** One child as {@link #whichChildren} reports it; {@code pid} is null when not running. */
    public record ChildInfo(String id, Pid pid, ChildType type, Restart restart) {
    }

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private Supervisor() {
    }

    /** Starts an unlinked supervisor and returns once all its children have started. */
    public static Pid start(Kernel kernel, SupervisorSpec spec) {
        return start(kernel, null, spec, false);
    }

    /** Starts a supervisor registered as {@code name}. */
    public static Pid start(Kernel kernel, String name, SupervisorSpec spec) {
        return start(kernel, Objects.requireNonNull(name, "name"), spec, false);
    }

    /** Starts a supervisor linked to the calling process (a parent supervisor uses this). */
    public static Pid startLink(Kernel kernel, SupervisorSpec spec) {
        return start(kernel, null, spec, true);
    }

    /** Starts a registered supervisor linked to the calling process. */
    public static Pid startLink(Kernel kernel, String name, SupervisorSpec spec) {
        return start(kernel, Objects.requireNonNull(name, "name"), spec, true);
    }

    private static Pid start(Kernel kernel, String name, SupervisorSpec spec, boolean link) {
        ReplySlot started = new ReplySlot();
        ProcessCell linkTo = link ? kernel.requireCurrent("Supervisor.startLink") : null;
        ProcessCell cell = kernel.spawnCell(null, new SupervisorProcess(spec, name, started), linkTo);
        MonitorRef monitor = kernel.monitorFor(started, cell.pid);
        Object outcome;
        try {
            outcome = started.await();
        } finally {
            kernel.demonitor(monitor);
        }
        return switch (outcome) {
            case GenServerProcess.StartFailed failed -> throw new StartException(cell.pid, failed.reason(),
                    "Supervisor failed to start: " + failed.reason(), null);
            case ReplySlot.Failed failed -> throw new StartException(cell.pid, failed.reason(),
                    "Supervisor exited while starting: " + failed.reason(), null);
            default -> cell.pid;
        };
    }

    /** Adds and starts a child (for simple_one_for_one, use {@link #startChild(Kernel, Pid, List)}). */
    public static Pid startChild(Kernel kernel, Pid supervisor, ChildSpec spec) {
        return (Pid) call(kernel, supervisor, new SupervisorProcess.Request.StartChild(spec, List.of()));
    }

    /** Starts a simple_one_for_one child from the template, passing {@code extraArgs} to its start function. */
    public static Pid startChild(Kernel kernel, Pid supervisor, List<Object> extraArgs) {
        return (Pid) call(kernel, supervisor, new SupervisorProcess.Request.StartChild(null, extraArgs));
    }

    /** Stops a static child by id, keeping its spec unless it is temporary. */
    public static void terminateChild(Kernel kernel, Pid supervisor, String id) {
        call(kernel, supervisor, new SupervisorProcess.Request.TerminateChild(id, null));
    }

    /** Stops a simple_one_for_one child by pid. */
    public static void terminateChild(Kernel kernel, Pid supervisor, Pid child) {
        call(kernel, supervisor, new SupervisorProcess.Request.TerminateChild(null, child));
    }

    /** Starts again a stopped static child. */
    public static Pid restartChild(Kernel kernel, Pid supervisor, String id) {
        return (Pid) call(kernel, supervisor, new SupervisorProcess.Request.RestartChild(id));
    }

    /** Removes the spec of a stopped static child. */
    public static void deleteChild(Kernel kernel, Pid supervisor, String id) {
        call(kernel, supervisor, new SupervisorProcess.Request.DeleteChild(id));
    }

    /** Lists the children: static ones in start order, dynamic ones in no particular order. */
    @SuppressWarnings("unchecked")
    public static List<ChildInfo> whichChildren(Kernel kernel, Pid supervisor) {
        return (List<ChildInfo>) call(kernel, supervisor, new SupervisorProcess.Request.WhichChildren());
    }

    /**
     * Stops a supervisor: its children stop in reverse start order, then it ends with
     * {@code reason}. Returns once it has ended.
     */
    public static void stop(Kernel kernel, Pid supervisor, ExitReason reason) {
        try {
            call(kernel, supervisor, new SupervisorProcess.Request.Stop(reason));
        } catch (CallTimeoutException e) {
            throw e;
        } catch (CallException e) {
            // The supervisor replies to a stop by ending, so its end with that reason is the success.
            if (!reason.equals(e.reason())) {
                throw e;
            }
        }
    }

    private static Object call(Kernel kernel, Pid supervisor, SupervisorProcess.Request request) {
        return Calls.call(kernel, supervisor, CALL_TIMEOUT, from -> new Calls.Call(request, from));
    }
}
