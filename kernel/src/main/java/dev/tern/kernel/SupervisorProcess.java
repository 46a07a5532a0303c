package dev.tern.kernel;

import dev.tern.kernel.ChildSpec.Restart;
import dev.tern.kernel.ChildSpec.Shutdown;
import dev.tern.kernel.CrashReports.SupervisorReport;
import dev.tern.kernel.SupervisorSpec.Strategy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervisor loop, as OTP's {@code supervisor}. It runs as a plain process (supervisors
 * are few, and stopping a child means waiting for it in a selective receive), traps exits,
 * and owns the restart decision:
 *
 * <pre>
 *   restart type | child exit reason       | action
 *   permanent    | any                     | restart
 *   transient    | normal, shutdown, {shutdown,_} | forget the child
 *   transient    | anything else           | restart
 *   temporary    | any                     | forget the child
 * </pre>
 *
 * Restarts follow the strategy; more than {@code intensity} restarts within {@code period}
 * stop every child and end the supervisor with {@code shutdown}.
 */
final class SupervisorProcess implements ProcessBody, SupervisorChildren {

    /** A child as the supervisor tracks it; {@code pid} is null while it is not running. */
    static final class Child {
        final ChildSpec spec;
        final List<Object> extraArgs;
        Pid pid;

        Child(ChildSpec spec, List<Object> extraArgs) {
            this.spec = spec;
            this.extraArgs = extraArgs;
        }
    }

    /** Requests handled through {@link Calls.Call}. */
    sealed interface Request {
        record StartChild(ChildSpec spec, List<Object> extraArgs) implements Request {
        }

        record TerminateChild(String id, Pid pid) implements Request {
        }

        record RestartChild(String id) implements Request {
        }

        record DeleteChild(String id) implements Request {
        }

        record WhichChildren() implements Request {
        }

        record Stop(ExitReason reason) implements Request {
        }
    }

    /** A restart that failed to start the child; retried through the mailbox like OTP. */
    private record RetryRestart(String id, Pid oldPid) {
    }

    private final SupervisorSpec spec;
    private final String name;
    private final ReplySlot started;

    // Static children by id, in start order; dynamic (simple_one_for_one) children by pid.
    private final LinkedHashMap<String, Child> children = new LinkedHashMap<>();
    private final Map<Pid, Child> byPid = new ConcurrentHashMap<>();
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();
    private volatile List<Pid> childPidsSnapshot = List.of();
    private ProcessContext self;

    SupervisorProcess(SupervisorSpec spec, String name, ReplySlot started) {
        this.spec = spec;
        this.name = name;
        this.started = started;
    }

    @Override
    public List<Pid> childPids() {
        // Dynamic children can number millions: list them on demand rather than on each change.
        return spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE ? List.copyOf(byPid.keySet()) : childPidsSnapshot;
    }

    @Override
    public void run(ProcessContext self) {
        this.self = self;
        self.trapExit(true);
        if (name != null) {
            try {
                self.kernel().register(name, self.self());
            } catch (IllegalArgumentException taken) {
                ExitReason reason = new ExitReason.Tagged("already_started", self.kernel().whereis(name).orElse(null));
                started.complete(new GenServerProcess.StartFailed(reason));
                throw new ProcessExit(reason);
            }
        }
        if (spec.strategy() != Strategy.SIMPLE_ONE_FOR_ONE) {
            for (ChildSpec childSpec : spec.children()) {
                Child child = new Child(childSpec, List.of());
                try {
                    startChild(child);
                } catch (Exception e) {
                    report(SupervisorReport.START_ERROR, child, e);
                    terminateAll();
                    ExitReason reason = ExitReason.shutdown(
                            new ExitReason.Tagged("failed_to_start_child", childSpec.id() + ": " + e));
                    started.complete(new GenServerProcess.StartFailed(reason));
                    throw new ProcessExit(reason);
                }
                children.put(childSpec.id(), child);
            }
        }
        refreshSnapshot();
        started.complete("ok");
        loop();
    }

    private void loop() {
        while (true) {
            switch (self.receive()) {
                case Exit exit -> handleExit(exit);
                case Calls.Call(Request.Stop stop, From from) -> {
                    terminateAll();
                    throw new ProcessExit(stop.reason());
                }
                case Calls.Call call -> call.from().slot.complete(handleRequest(call.request()));
                case RetryRestart retry -> retryRestart(retry);
                case Object other -> org.slf4j.LoggerFactory.getLogger(SupervisorProcess.class)
                        .warn("Supervisor {} ignored unexpected message '{}'", self.self(), other);
            }
        }
    }

    // ---------------------------------------------------------------- exits and restarts

    private void handleExit(Exit exit) {
        ProcessCell cell = (ProcessCell) self;
        // The parent's exit, or kernel.exit called from a thread that is no process (which
        // names the target itself as sender), stops the supervisor and its children.
        if (exit.from().equals(cell.parent) || exit.from().equals(cell.pid)) {
            terminateAll();
            throw new ProcessExit(exit.reason());
        }
        Child child = byPid.get(exit.from());
        if (child == null) {
            return; // An exit from a process that is no longer (or never was) our child.
        }
        ExitReason reason = exit.reason();
        if (!reason.isOrderly()) {
            report(SupervisorReport.CHILD_TERMINATED, child, reason);
        }
        forgetPid(child);
        boolean restart = switch (child.spec.restart()) {
            case PERMANENT -> true;
            case TRANSIENT -> !reason.isOrderly();
            case TEMPORARY -> false;
        };
        if (!restart) {
            removeChild(child);
            refreshSnapshot();
            return;
        }
        restartAfter(child, exit.from());
    }

    private void restartAfter(Child child, Pid oldPid) {
        if (!addRestart()) {
            report(SupervisorReport.REACHED_MAX_RESTART_INTENSITY, child, "shutdown");
            terminateAll();
            throw new ProcessExit(ExitReason.SHUTDOWN);
        }
        try {
            switch (spec.strategy()) {
                case ONE_FOR_ONE, SIMPLE_ONE_FOR_ONE -> startChild(child);
                case ONE_FOR_ALL -> {
                    List<Child> all = staticChildren();
                    terminate(all.reversed());
                    for (Child each : all) {
                        startChild(each);
                    }
                }
                case REST_FOR_ONE -> {
                    List<Child> all = staticChildren();
                    List<Child> rest = all.subList(all.indexOf(child), all.size());
                    terminate(rest.reversed());
                    for (Child each : rest) {
                        startChild(each);
                    }
                }
            }
        } catch (Exception e) {
            report(SupervisorReport.START_ERROR, child, e);
            self.kernel().send(self.self(), new RetryRestart(child.spec.id(), oldPid));
        } finally {
            refreshSnapshot();
        }
    }

    private void retryRestart(RetryRestart retry) {
        Child child = spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE ? null : children.get(retry.id());
        if (child != null && child.pid == null) {
            restartAfter(child, retry.oldPid());
        }
    }

    /** Records a restart; returns false when it exceeds the intensity within the period. */
    private boolean addRestart() {
        long now = self.kernel().clock().nanoTime();
        long windowStart = now - spec.period().toNanos();
        restarts.addLast(now);
        while (!restarts.isEmpty() && restarts.peekFirst() <= windowStart) {
            restarts.pollFirst();
        }
        return restarts.size() <= spec.intensity();
    }

    // ---------------------------------------------------------------- requests

    private Object handleRequest(Object request) {
        try {
            return switch (request) {
                case Request.StartChild start -> startNewChild(start);
                case Request.TerminateChild terminate -> terminateChild(terminate);
                case Request.RestartChild restart -> restartChild(restart.id());
                case Request.DeleteChild delete -> deleteChild(delete.id());
                case Request.WhichChildren which -> whichChildren();
                case Request.Stop stop -> throw new IllegalStateException("Stop is handled by the loop");
                default -> new Calls.ErrorReply(new IllegalArgumentException("Unexpected call " + request
                        + " to supervisor " + self.self()));
            };
        } finally {
            refreshSnapshot();
        }
    }

    private Object startNewChild(Request.StartChild request) {
        Child child;
        if (spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
            child = new Child(spec.children().getFirst(), List.copyOf(request.extraArgs()));
        } else {
            ChildSpec childSpec = request.spec();
            if (children.containsKey(childSpec.id())) {
                return new Calls.ErrorReply(new IllegalArgumentException("Supervisor " + self.self()
                        + " already has a child with id '" + childSpec.id() + "'"));
            }
            child = new Child(childSpec, List.of());
        }
        try {
            startChild(child);
        } catch (Exception e) {
            report(SupervisorReport.START_ERROR, child, e);
            return new Calls.ErrorReply(new IllegalStateException("Child '" + child.spec.id() + "' failed to start: "
                    + e.getMessage(), e));
        }
        if (spec.strategy() != Strategy.SIMPLE_ONE_FOR_ONE) {
            children.put(child.spec.id(), child);
        }
        return child.pid;
    }

    private Object terminateChild(Request.TerminateChild request) {
        Child child = spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE
                ? byPid.get(request.pid())
                : children.get(request.id());
        if (child == null) {
            return new Calls.ErrorReply(new IllegalArgumentException("Supervisor " + self.self() + " has no child "
                    + (request.pid() != null ? request.pid() : "'" + request.id() + "'")));
        }
        if (child.pid != null) {
            shutdown(child);
        }
        if (spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE || child.spec.restart() == Restart.TEMPORARY) {
            removeChild(child);
        }
        return "ok";
    }

    private Object restartChild(String id) {
        Child child = children.get(id);
        if (child == null) {
            return new Calls.ErrorReply(new IllegalArgumentException("Supervisor " + self.self() + " has no child '" + id + "'"));
        }
        if (child.pid != null) {
            return new Calls.ErrorReply(new IllegalStateException("Child '" + id + "' is running; terminate it first"));
        }
        try {
            startChild(child);
            return child.pid;
        } catch (Exception e) {
            report(SupervisorReport.START_ERROR, child, e);
            return new Calls.ErrorReply(new IllegalStateException("Child '" + id + "' failed to start: " + e.getMessage(), e));
        }
    }

    private Object deleteChild(String id) {
        Child child = children.get(id);
        if (child == null) {
            return new Calls.ErrorReply(new IllegalArgumentException("Supervisor " + self.self() + " has no child '" + id + "'"));
        }
        if (child.pid != null) {
            return new Calls.ErrorReply(new IllegalStateException("Child '" + id + "' is running; terminate it first"));
        }
        children.remove(id);
        return "ok";
    }

    private List<Supervisor.ChildInfo> whichChildren() {
        List<Supervisor.ChildInfo> list = new ArrayList<>();
        if (spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
            for (Child child : byPid.values()) {
                list.add(new Supervisor.ChildInfo(child.spec.id(), child.pid, child.spec.type(), child.spec.restart()));
            }
        } else {
            for (Child child : children.values()) {
                list.add(new Supervisor.ChildInfo(child.spec.id(), child.pid, child.spec.type(), child.spec.restart()));
            }
        }
        return list;
    }

    // ---------------------------------------------------------------- starting and stopping

    private void startChild(Child child) throws Exception {
        Pid pid = child.spec.start().start(self.kernel(), child.extraArgs);
        if (pid == null) {
            throw new IllegalStateException("Start function of child '" + child.spec.id() + "' returned no pid");
        }
        // A child that already ended is recorded all the same: its exit signal is in our
        // mailbox and goes through the restart decision like any other.
        child.pid = pid;
        byPid.put(pid, child);
    }

    private void terminateAll() {
        if (spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
            terminateDynamic();
        } else {
            terminate(staticChildren().reversed());
        }
        refreshSnapshot();
    }

    private void terminate(List<Child> inOrder) {
        for (Child child : inOrder) {
            if (child.pid != null) {
                shutdown(child);
            }
        }
    }

    /**
     * Stops one child as OTP does: monitor, unlink, send {@code shutdown} (or {@code kill}),
     * wait for its Down, and kill it if its timeout passes first.
     */
    private void shutdown(Child child) {
        Pid pid = child.pid;
        MonitorRef monitor = self.monitor(pid);
        self.unlink(pid);
        // An exit that arrived before the unlink tells the real reason; the Down then says noproc.
        Object earlier = self.receive(m -> m instanceof Exit exit && exit.from().equals(pid), Duration.ZERO);
        ExitReason expected;
        Down down;
        switch (child.spec.shutdown()) {
            case Shutdown.BrutalKill brutal -> {
                expected = ExitReason.KILLED;
                self.kernel().exit(pid, ExitReason.KILL);
                down = awaitDown(monitor, null);
            }
            case Shutdown.Infinity infinity -> {
                expected = ExitReason.SHUTDOWN;
                self.kernel().exit(pid, ExitReason.SHUTDOWN);
                down = awaitDown(monitor, null);
            }
            case Shutdown.Timeout timeout -> {
                expected = ExitReason.SHUTDOWN;
                self.kernel().exit(pid, ExitReason.SHUTDOWN);
                down = awaitDown(monitor, timeout.timeout());
                if (down == null) {
                    self.kernel().exit(pid, ExitReason.KILL);
                    down = awaitDown(monitor, null);
                }
            }
        }
        ExitReason actual = earlier instanceof Exit exit ? exit.reason() : down.reason();
        if (!actual.equals(expected) && !actual.isOrderly()) {
            report(SupervisorReport.SHUTDOWN_ERROR, child, actual);
        }
        forgetPid(child);
    }

    /**
     * Stops all simple_one_for_one children together, as OTP does: signal each, then collect
     * the Down messages in whatever order they come, and kill those left when the timeout passes.
     */
    private void terminateDynamic() {
        Map<MonitorRef, Child> pending = new HashMap<>();
        for (Child child : List.copyOf(byPid.values())) {
            pending.put(self.monitor(child.pid), child);
            self.unlink(child.pid);
            ExitReason signal = child.spec.shutdown() instanceof Shutdown.BrutalKill ? ExitReason.KILL : ExitReason.SHUTDOWN;
            self.kernel().exit(child.pid, signal);
        }
        Shutdown shutdown = spec.children().getFirst().shutdown();
        Duration timeout = shutdown instanceof Shutdown.Timeout limit ? limit.timeout() : null;
        long deadline = self.kernel().clock().nanoTime() + (timeout == null ? 0 : timeout.toNanos());
        boolean killed = false;
        while (!pending.isEmpty()) {
            Duration left = timeout == null || killed ? null
                    : Duration.ofNanos(Math.max(0, deadline - self.kernel().clock().nanoTime()));
            Object message = self.receive(m -> m instanceof Down down && pending.containsKey(down.ref()), left);
            if (message instanceof Down down) {
                forgetPid(pending.remove(down.ref()));
            } else {
                pending.values().forEach(child -> self.kernel().exit(child.pid, ExitReason.KILL));
                killed = true;
            }
        }
    }

    private Down awaitDown(MonitorRef monitor, Duration timeout) {
        return (Down) self.receive(m -> m instanceof Down down && down.ref() == monitor, timeout);
    }

    // ---------------------------------------------------------------- bookkeeping

    private void forgetPid(Child child) {
        if (child.pid != null) {
            byPid.remove(child.pid);
            child.pid = null;
        }
    }

    private void removeChild(Child child) {
        forgetPid(child);
        if (spec.strategy() != Strategy.SIMPLE_ONE_FOR_ONE) {
            children.remove(child.spec.id());
        }
    }

    private List<Child> staticChildren() {
        return new ArrayList<>(children.values());
    }

    private void refreshSnapshot() {
        if (spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
            return;
        }
        List<Pid> pids = new ArrayList<>();
        for (Child child : children.values()) {
            if (child.pid != null) {
                pids.add(child.pid);
            }
        }
        childPidsSnapshot = List.copyOf(pids);
    }

    private void report(SupervisorReport kind, Child child, Object reason) {
        self.kernel().reports.supervisor(self.self(), name, kind, child.spec.id(), child.pid, reason);
    }
}
