package dev.tern.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of processes, as an Erlang VM is: it spawns processes, routes messages and exit
 * signals between them, keeps the name registry and runs timers.
 *
 * <p>Behaviour processes run as scheduled objects on a fork-join pool with one worker per
 * core and cost no thread while they wait; plain processes ({@link #spawn(ProcessBody)})
 * run on virtual threads so they can block in receive. docs/ARCHITECTURE.md gives the
 * measurements behind that split.
 *
 * <p>Several kernels may live in one JVM (tests start one each); a pid belongs to the kernel
 * that spawned it.
 */
public final class Kernel implements AutoCloseable {

    final Scheduler scheduler;
    final TimerService timers;
    final Clock clock;
    final CrashReports reports;

    private final String name;
    private final AtomicLong serials = new AtomicLong();
    private final ConcurrentHashMap<Pid, ProcessCell> processes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ProcessCell> registry = new ConcurrentHashMap<>();

    private Kernel(String name, Clock clock, int schedulers) {
        this.name = name;
        this.clock = clock;
        this.scheduler = new Scheduler(name, schedulers);
        this.timers = new TimerService(clock, name + "-timers");
        this.reports = new CrashReports(name);
    }

    /** Starts a kernel with the system clock and one scheduler per available core. */
    public static Kernel start() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a kernel; the defaults suit a server. */
    public static final class Builder {
        private String name = "tern";
        private Clock clock = Clock.SYSTEM;
        private int schedulers = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** Names the kernel's threads and log lines. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Sets the clock; tests pass a {@link ManualClock}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the number of scheduler threads for behaviour processes (default: cores). */
        public Builder schedulers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("Scheduler count must be at least 1, got " + count);
            }
            this.schedulers = count;
            return this;
        }

        public Kernel build() {
            return new Kernel(name, clock, schedulers);
        }
    }

    // ---------------------------------------------------------------- spawning

    /** Spawns a plain process running {@code body} on a virtual thread. */
    public Pid spawn(ProcessBody body) {
        return spawnCell(null, Objects.requireNonNull(body, "body"), null).pid;
    }

    /**
     * Spawns a plain process linked to the calling process, atomically: the link exists
     * before the new process runs.
     *
     * @throws IllegalStateException when not called from a process
     */
    public Pid spawnLink(ProcessBody body) {
        return spawnCell(null, Objects.requireNonNull(body, "body"), requireCurrent("spawnLink")).pid;
    }

    /** Spawns a plain process monitored by the calling process. */
    public Spawned spawnMonitor(ProcessBody body) {
        ProcessCell watcher = requireCurrent("spawnMonitor");
        ProcessCell cell = newCell(null, Objects.requireNonNull(body, "body"));
        MonitorRef ref = monitor(watcher, cell);
        cell.start();
        return new Spawned(cell.pid, ref);
    }

    /** A process spawned together with a monitor on it. */
    public record Spawned(Pid pid, MonitorRef ref) {
    }

    /** Creates, optionally links to {@code linkTo}, and starts a process. */
    ProcessCell spawnCell(EventHandler handler, ProcessBody body, ProcessCell linkTo) {
        ProcessCell cell = newCell(handler, body);
        if (linkTo != null) {
            link(linkTo, cell);
        }
        cell.start();
        return cell;
    }

    /**
     * Creates, optionally links, and starts an event process whose first turn (its init) runs
     * right here on the calling thread. The caller waits for init anyway, so handing the turn
     * to a scheduler thread would only add a thread wake-up.
     */
    ProcessCell spawnCellAndInit(EventHandler handler, ProcessCell linkTo) {
        ProcessCell cell = newCell(handler, null);
        if (linkTo != null) {
            link(linkTo, cell);
        }
        cell.deliverAndRun(new Signal.Start());
        return cell;
    }

    /** Creates and records a process without starting it, so links can be set up first. */
    ProcessCell newCell(EventHandler handler, ProcessBody body) {
        ProcessCell parent = ProcessCell.CURRENT.get();
        ProcessCell cell = new ProcessCell(this, serials.incrementAndGet(),
                parent == null ? null : parent.pid, handler, body);
        processes.put(cell.pid, cell);
        return cell;
    }

    // ---------------------------------------------------------------- messages and signals

    /** Sends {@code message} to {@code to}; never blocks, and a dead pid drops it silently. */
    public void send(Pid to, Object message) {
        Objects.requireNonNull(message, "message");
        to.cell.deliver(message);
    }

    /**
     * Sends to a registered name.
     *
     * @throws IllegalArgumentException when no process has that name, as Erlang's badarg
     */
    public void send(String registeredName, Object message) {
        ProcessCell cell = registry.get(registeredName);
        if (cell == null) {
            throw new IllegalArgumentException("No process is registered as '" + registeredName + "'");
        }
        cell.deliver(Objects.requireNonNull(message, "message"));
    }

    /**
     * Sends an exit signal to {@code target}, as Erlang's {@code exit(Pid, Reason)}: reason
     * {@code kill} is untrappable, {@code normal} is ignored by a process that does not trap
     * exits, any other reason ends it unless it traps exits.
     */
    public void exit(Pid target, ExitReason reason) {
        ProcessCell from = ProcessCell.CURRENT.get();
        // A null sender (a thread that is no process) never counts as the target itself, so
        // normal from outside is ignored like normal from another process.
        Pid sender = from != null ? from.pid : null;
        target.cell.signalExit(sender, Objects.requireNonNull(reason, "reason"), false);
    }

    // ---------------------------------------------------------------- links and monitors

    /** Links two processes in both directions; returns false, linking nothing, when {@code other} has ended. */
    boolean link(ProcessCell self, ProcessCell other) {
        if (self == other) {
            return true;
        }
        // Lock in pid order so two processes linking to each other cannot deadlock.
        ProcessCell first = self.pid.compareTo(other.pid) < 0 ? self : other;
        ProcessCell second = first == self ? other : self;
        boolean otherAlive;
        synchronized (first) {
            synchronized (second) {
                otherAlive = other.isAlive();
                if (otherAlive && self.isAlive()) {
                    self.addLink(other.pid);
                    other.addLink(self.pid);
                }
            }
        }
        return otherAlive;
    }

    void unlink(ProcessCell self, ProcessCell other) {
        self.removeLink(other.pid);
        other.removeLink(self.pid);
    }

    MonitorRef monitor(Watcher watcher, ProcessCell target) {
        MonitorRef ref = new MonitorRef(target, watcher);
        if (watcher instanceof ProcessCell owner) {
            owner.addMonitoring(ref);
        }
        if (!target.addMonitoredBy(ref)) {
            // Erlang reports noproc for a target that is already gone, whatever its reason was.
            watcher.down(ref, target.pid, ExitReason.NOPROC);
        }
        return ref;
    }

    boolean demonitor(MonitorRef ref) {
        if (ref.watcher instanceof ProcessCell owner) {
            owner.removeMonitoring(ref);
        }
        return ref.target.removeMonitoredBy(ref);
    }

    /** Monitors {@code target} on behalf of a non-process waiter such as a pending call. */
    MonitorRef monitorFor(Watcher watcher, Pid target) {
        return monitor(watcher, target.cell);
    }

    // ---------------------------------------------------------------- registry

    /**
     * Registers {@code pid} under {@code registeredName}; the name is freed when it ends.
     *
     * @throws IllegalArgumentException when the name is taken, the process already has a
     *                                  name, or the process is dead
     */
    public void register(String registeredName, Pid pid) {
        Objects.requireNonNull(registeredName, "registeredName");
        ProcessCell cell = pid.cell;
        synchronized (cell) {
            if (!cell.isAlive()) {
                throw new IllegalArgumentException("Cannot register '" + registeredName + "': process " + pid
                        + " is not alive");
            }
            if (cell.registeredName != null) {
                throw new IllegalArgumentException("Cannot register '" + registeredName + "': process " + pid
                        + " is already registered as '" + cell.registeredName + "'");
            }
            ProcessCell holder = registry.putIfAbsent(registeredName, cell);
            if (holder != null) {
                throw new IllegalArgumentException("Cannot register '" + registeredName
                        + "': the name is taken by " + holder.pid + "; unregister it first or pick another name");
            }
            cell.registeredName = registeredName;
        }
    }

    /** Frees {@code registeredName}; returns false when no process had it. */
    public boolean unregister(String registeredName) {
        ProcessCell cell = registry.remove(registeredName);
        if (cell == null) {
            return false;
        }
        synchronized (cell) {
            if (registeredName.equals(cell.registeredName)) {
                cell.registeredName = null;
            }
        }
        return true;
    }

    /** Returns the process registered under {@code registeredName}. */
    public Optional<Pid> whereis(String registeredName) {
        ProcessCell cell = registry.get(registeredName);
        return cell == null ? Optional.empty() : Optional.of(cell.pid);
    }

    /** Returns the names in the registry. */
    public List<String> registered() {
        return List.copyOf(registry.keySet());
    }

    // ---------------------------------------------------------------- timers

    /** Sends {@code message} to {@code to} after {@code delay}, like erlang:send_after/3. */
    public TimerRef sendAfter(Duration delay, Pid to, Object message) {
        Objects.requireNonNull(message, "message");
        return timers.schedule(delay.toNanos(), () -> to.cell.deliver(message));
    }

    /** Cancels a timer; returns false when it had already fired or been cancelled. */
    public boolean cancelTimer(TimerRef timer) {
        return timer.cancel();
    }

    /** Returns the kernel's clock. */
    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- introspection

    /** Returns the calling process's context, or null when the caller is not a process. */
    public static ProcessContext current() {
        return ProcessCell.CURRENT.get();
    }

    /** Returns true while the process runs. */
    public boolean isAlive(Pid pid) {
        return pid.cell.isAlive();
    }

    /** Returns the live processes. */
    public List<Pid> processes() {
        return new ArrayList<>(processes.keySet());
    }

    /** Returns the number of live processes. */
    public int processCount() {
        return processes.size();
    }

    /** Returns a snapshot of one process, or empty when it has ended. */
    public Optional<ProcessInfo> info(Pid pid) {
        ProcessCell cell = processes.get(pid);
        return cell == null ? Optional.empty() : Optional.of(cell.info());
    }

    /** Finds a live process by its serial number, as printed in {@code <0.SERIAL.0>}. */
    public Optional<Pid> lookup(long serial) {
        for (Pid pid : processes.keySet()) {
            if (pid.serial() == serial) {
                return Optional.of(pid);
            }
        }
        return Optional.empty();
    }

    /** Returns the name given at build time. */
    public String name() {
        return name;
    }

    void removeProcess(ProcessCell cell) {
        processes.remove(cell.pid);
        String registeredName = cell.registeredName;
        if (registeredName != null) {
            registry.remove(registeredName, cell);
        }
    }

    ProcessCell requireCurrent(String operation) {
        ProcessCell cell = ProcessCell.CURRENT.get();
        if (cell == null) {
            throw new IllegalStateException(operation + " links or monitors the calling process, but thread '"
                    + Thread.currentThread().getName() + "' is not a process; call it from a process's code");
        }
        return cell;
    }

    /**
     * Kills every process and stops the schedulers and timers. Processes get no chance to
     * clean up; stop the top supervisor first for an orderly shutdown.
     */
    @Override
    public void close() {
        for (ProcessCell cell : processes.values()) {
            cell.signalExit(cell.pid, ExitReason.KILL, false);
        }
        timers.stop();
        scheduler.shutdown();
    }
}
