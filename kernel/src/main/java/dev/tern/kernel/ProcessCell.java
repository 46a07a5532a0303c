package dev.tern.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.function.Predicate;
import java.util.concurrent.locks.LockSupport;

/**
 * One process: its mailbox, links, monitors and the loop that feeds it messages.
 *
 * <p>A process runs in one of two modes. An <em>event</em> process (every behaviour) has no
 * thread while it waits: a send to an idle one submits it to the kernel's scheduler, which
 * runs a turn of up to {@link #TURN_BUDGET} messages and then lets other processes run.
 * A <em>plain</em> process runs a {@link ProcessBody} on a virtual thread of its own and may
 * block in {@link #receive}. Both share one mailbox discipline, so exit signals keep their
 * order relative to the messages of the same sender.
 *
 * <p>Threading: the mailbox takes offers from any thread; everything under "consumer state"
 * is touched only by the thread currently running this process; links and monitors are
 * guarded by {@code this}.
 */
final class ProcessCell implements ProcessContext, Runnable, Watcher {

    /** Messages one event turn may handle before yielding, like Erlang's reductions. */
    static final int TURN_BUDGET = 256;

    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final VarHandle SCHEDULE;

    static {
        try {
            SCHEDULE = MethodHandles.lookup().findVarHandle(ProcessCell.class, "schedule", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The process whose code the current thread is running, if any. */
    static final ThreadLocal<ProcessCell> CURRENT = new ThreadLocal<>();

    final Kernel kernel;
    final Pid pid;
    final Pid parent;
    private final Mailbox mailbox = new Mailbox();
    private final EventHandler handler;
    private final ProcessBody body;

    @SuppressWarnings("unused") // accessed through SCHEDULE
    private volatile int schedule;
    private volatile Thread thread;
    private volatile boolean waiting;
    private volatile boolean killRequested;
    private volatile boolean trapExit;
    private volatile boolean suspended;
    private volatile boolean alive = true;
    private volatile ExitReason exitReason;
    volatile String registeredName;

    // Consumer state.
    private LinkedList<Object> saved;
    private ExitReason stopRequest;
    private long receiveToken;
    private long handled;
    private Object currentMessage;

    // Guarded by this.
    private SmallSet<Pid> links;
    private SmallSet<MonitorRef> monitoredBy;
    private SmallSet<MonitorRef> monitoring;

    ProcessCell(Kernel kernel, long serial, Pid parent, EventHandler handler, ProcessBody body) {
        this.kernel = kernel;
        this.pid = new Pid(serial, this);
        this.parent = parent;
        this.handler = handler;
        this.body = body;
    }

    // ---------------------------------------------------------------- start and delivery

    /** Starts the process; links and monitors asked for at spawn are already in place. */
    void start() {
        if (handler != null) {
            deliver(new Signal.Start());
        } else {
            thread = Thread.ofVirtual().name("process-" + pid).unstarted(this::runBody);
            thread.start();
        }
    }

    /** Enqueues a message or signal and wakes the process; never blocks, never fails. */
    void deliver(Object item) {
        if (!alive) {
            return;
        }
        mailbox.offer(item);
        if (handler != null) {
            if ((int) SCHEDULE.getVolatile(this) == IDLE && SCHEDULE.compareAndSet(this, IDLE, SCHEDULED)) {
                kernel.scheduler.execute(this);
            } else {
                kernel.scheduler.noteSend();
            }
        } else if (waiting) {
            Thread waiter = thread;
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /**
     * Enqueues a call and, when this event process is idle, runs its turn right here on the
     * caller's thread rather than handing it to a scheduler thread and parking. The caller
     * would only wait, and waking a parked thread costs tens of microseconds. The caller must
     * be a process that is about to wait for this process's reply. A busy process, or a plain
     * one, is woken as by {@link #deliver}.
     */
    void deliverAndRun(Object item) {
        if (handler == null || !alive) {
            deliver(item);
            return;
        }
        mailbox.offer(item);
        if ((int) SCHEDULE.getVolatile(this) == IDLE && SCHEDULE.compareAndSet(this, IDLE, SCHEDULED)) {
            run();
        }
    }

    /**
     * Delivers an exit signal; a {@code kill} also interrupts whatever the process does.
     * NOTE: any other signal reaches a plain process only at its next receive, so one blocked
     * in a call without timeout outlives a linked process's crash until the call returns.
     */
    void signalExit(Pid from, ExitReason reason, boolean fromLink) {
        Signal.ExitSignal signal = new Signal.ExitSignal(from, reason, fromLink);
        if (signal.untrappable()) {
            killRequested = true;
        }
        deliver(signal);
        if (signal.untrappable() && handler == null) {
            Thread target = thread;
            if (target != null && target != Thread.currentThread()) {
                target.interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- event mode

    /**
     * Runs one turn of an event process: on a scheduler thread, or inline on the thread of a
     * caller waiting for this process's reply (see {@link #deliverAndRun}), whose own process
     * context is restored afterwards.
     */
    @Override
    public void run() {
        Scheduler.Worker worker = kernel.scheduler.currentWorker();
        if (worker == null) {
            turn();
            return;
        }
        boolean outermost = worker.depth == 0;
        worker.depth++;
        try {
            turn();
        } finally {
            worker.depth--;
        }
        if (outermost) {
            worker.depth++;
            try {
                kernel.scheduler.runHandoffs(worker);
            } finally {
                worker.depth--;
            }
        }
    }

    /** Runs one turn; {@link #run} adds the hand-off bookkeeping of scheduler threads. */
    void turn() {
        ProcessCell caller = CURRENT.get();
        CURRENT.set(this);
        try {
            for (int budget = TURN_BUDGET; budget > 0 && alive; budget--) {
                if (killRequested) {
                    finish(ExitReason.KILLED, false);
                    return;
                }
                Object item = nextEventItem();
                if (item == null) {
                    break;
                }
                dispatch(item);
                if (stopRequest != null && alive) {
                    ExitReason reason = stopRequest;
                    callTerminate(reason);
                    finish(reason, !reason.isOrderly());
                }
            }
        } finally {
            if (caller == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(caller);
            }
        }
        if (!alive) {
            return;
        }
        SCHEDULE.setVolatile(this, IDLE);
        if (hasEventWork() && SCHEDULE.compareAndSet(this, IDLE, SCHEDULED)) {
            kernel.scheduler.execute(this);
        }
    }

    private boolean hasEventWork() {
        return !mailbox.isEmpty() || (!suspended && saved != null && !saved.isEmpty());
    }

    /**
     * Returns the next item to dispatch: saved messages first (they are older), then the
     * mailbox. While suspended, ordinary messages are set aside in order and only signals
     * come through.
     */
    private Object nextEventItem() {
        if (!suspended && saved != null && !saved.isEmpty()) {
            return saved.pollFirst();
        }
        while (true) {
            Object item = pollMailbox();
            if (item == null) {
                return null;
            }
            if (suspended && !(item instanceof Signal)) {
                saved().addLast(item);
                continue;
            }
            return item;
        }
    }

    private void dispatch(Object item) {
        try {
            switch (item) {
                case Signal.Start start -> handler.init(this);
                case Signal.ExitSignal signal -> {
                    Object converted = applyExitSignal(signal);
                    if (converted != null && suspended && !isFromParent(converted)) {
                        // As in OTP's sys suspend loop: only the parent's exit is handled now.
                        saved().addLast(converted);
                    } else if (converted != null) {
                        handleMessage(converted);
                    }
                }
                case Signal.SystemMessage request -> handleSystem(request);
                case Signal.ReceiveTimeout timeout -> {
                    // A plain process's leftover; an event process never arms one.
                }
                default -> handleMessage(item);
            }
        } catch (ProcessExit exit) {
            finish(exit.reason(), false);
        } catch (Throwable crash) {
            ExitReason reason = new ExitReason.Crash(crash);
            // OTP calls terminate only after init succeeded.
            if (!(item instanceof Signal.Start)) {
                callTerminate(reason);
            }
            finish(reason, true);
        }
    }

    private boolean isFromParent(Object converted) {
        return converted instanceof Exit exit && exit.from().equals(parent);
    }

    /** Runs the handler; the message stays current until the next one, for a stop result's crash report. */
    private void handleMessage(Object message) throws Exception {
        currentMessage = message;
        handler.handle(this, message);
        handled++;
    }

    private void handleSystem(Signal.SystemMessage message) {
        try {
            Object result = switch (message.request()) {
                case SystemRequest.Suspend suspend -> {
                    suspended = true;
                    yield "ok";
                }
                case SystemRequest.Resume resume -> {
                    suspended = false;
                    yield "ok";
                }
                default -> handler.system(this, message.request());
            };
            message.reply().complete(result);
        } catch (Exception e) {
            message.reply().complete(new SysError(e));
        }
    }

    /** A {@code sys} request failed; {@link Sys} rethrows the cause to its caller. */
    record SysError(Exception cause) {
    }

    private void callTerminate(ExitReason reason) {
        try {
            handler.terminate(this, reason);
        } catch (RuntimeException e) {
            kernel.reports.terminateFailed(this, reason, e);
        }
    }

    // ---------------------------------------------------------------- plain mode

    private void runBody() {
        CURRENT.set(this);
        ExitReason reason;
        boolean report = false;
        try {
            body.run(this);
            reason = ExitReason.NORMAL;
        } catch (ProcessExit exit) {
            reason = exit.reason();
        } catch (Throwable crash) {
            if (killRequested) {
                reason = ExitReason.KILLED;
            } else {
                reason = new ExitReason.Crash(crash);
                report = true;
            }
        } finally {
            CURRENT.remove();
        }
        finish(reason, report);
    }

    @Override
    public Object receive(Predicate<Object> pattern, Duration timeout) {
        requireOwnThread("receive");
        if (handler != null) {
            throw new IllegalStateException("Process " + pid + " is a behaviour: it gets messages through its "
                    + "callbacks and cannot block in receive");
        }
        throwIfKilled();
        Object match = scanSaved(pattern);
        if (match != null) {
            currentMessage = match;
            return match;
        }
        long token = ++receiveToken;
        boolean timedOut = timeout != null && timeout.isZero();
        TimerRef timer = null;
        if (timeout != null && !timeout.isZero()) {
            timer = kernel.timers.schedule(timeout.toNanos(), () -> deliver(new Signal.ReceiveTimeout(token)));
        }
        try {
            while (true) {
                throwIfKilled();
                Object item = pollMailbox();
                if (item == null) {
                    if (timedOut) {
                        return null;
                    }
                    park();
                    continue;
                }
                Object message = switch (item) {
                    case Signal.ExitSignal signal -> applyExitSignal(signal);
                    case Signal.ReceiveTimeout fired -> {
                        if (fired.token() == token) {
                            timedOut = true;
                        }
                        yield null;
                    }
                    case Signal.SystemMessage request -> {
                        request.reply().complete(new SysError(new IllegalStateException(
                                "Process " + pid + " is not a behaviour and has no sys interface")));
                        yield null;
                    }
                    default -> item;
                };
                if (message == null) {
                    continue;
                }
                if (pattern.test(message)) {
                    handled++;
                    currentMessage = message;
                    return message;
                }
                saved().addLast(message);
            }
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /** Takes the oldest saved message that matches, applying any signals set aside earlier. */
    private Object scanSaved(Predicate<Object> pattern) {
        if (saved == null || saved.isEmpty()) {
            return null;
        }
        ListIterator<Object> items = saved.listIterator();
        while (items.hasNext()) {
            Object item = items.next();
            if (item instanceof Signal.ExitSignal signal) {
                Object converted = applyExitSignal(signal);
                if (converted == null) {
                    items.remove();
                    continue;
                }
                items.set(converted);
                item = converted;
            } else if (item instanceof Signal) {
                items.remove();
                continue;
            }
            if (pattern.test(item)) {
                items.remove();
                handled++;
                return item;
            }
        }
        return null;
    }

    /**
     * Ends a plain process at once when a kill has arrived, even if messages sent before the
     * kill are still queued: kill is untrappable, so nothing the process could receive matters.
     */
    void throwIfKilled() {
        if (killRequested) {
            throw new ProcessExit(ExitReason.KILLED);
        }
    }

    private void park() {
        waiting = true;
        try {
            if (mailbox.isEmpty()) {
                LockSupport.park(this);
            }
        } finally {
            waiting = false;
        }
        if (Thread.interrupted() && killRequested) {
            // The kill signal is in the mailbox; the next poll applies it.
            return;
        }
    }

    // ---------------------------------------------------------------- exit signals

    /**
     * Applies an exit signal as Erlang does: kill is untrappable; a trapping process gets an
     * {@link Exit} message; otherwise {@code normal} is ignored (unless it names this process
     * itself) and any other reason ends the process. Returns the message to handle, or null.
     *
     * @throws ProcessExit when the signal ends this process
     */
    private Object applyExitSignal(Signal.ExitSignal signal) {
        if (signal.fromLink()) {
            synchronized (this) {
                if (links != null) {
                    links.remove(signal.from());
                }
            }
        }
        if (signal.untrappable()) {
            throw new ProcessExit(ExitReason.KILLED);
        }
        if (trapExit) {
            return new Exit(signal.from() == null ? pid : signal.from(), signal.reason());
        }
        if (signal.reason().isNormal() && !pid.equals(signal.from())) {
            return null;
        }
        throw new ProcessExit(signal.reason());
    }

    // ---------------------------------------------------------------- links and monitors

    @Override
    public void link(Pid other) {
        requireOwnThread("link");
        if (kernel.link(this, other.cell)) {
            return;
        }
        // As erlang:link/1 to a process that does not exist: a trapping caller gets an Exit
        // message with noproc, any other caller fails at once with noproc.
        if (!trapExit) {
            throw new ProcessExit(ExitReason.NOPROC);
        }
        signalExit(other, ExitReason.NOPROC, true);
    }

    @Override
    public void unlink(Pid other) {
        kernel.unlink(this, other.cell);
    }

    @Override
    public MonitorRef monitor(Pid target) {
        return kernel.monitor(this, target.cell);
    }

    @Override
    public boolean demonitor(MonitorRef ref, boolean flush) {
        boolean active = kernel.demonitor(ref);
        if (flush) {
            requireOwnThread("demonitor with flush");
            drainIntoSaved();
            saved().removeIf(item -> item instanceof Down down && down.ref() == ref);
        }
        return active;
    }

    /**
     * Delivers a Down message for a monitor this process still holds. A target's exit may call
     * this after a demonitor removed the monitor; dropping the Down then keeps erlang:demonitor's
     * promise that none arrives once it returned. Delivering under the lock lets demonitor's flush
     * see every Down that got past the check.
     */
    @Override
    public void down(MonitorRef ref, Pid from, ExitReason reason) {
        synchronized (this) {
            if (monitoring == null || !monitoring.remove(ref)) {
                return;
            }
            deliver(new Down(ref, from, reason));
        }
    }

    /** Adds a link unless this process is dead; returns false when dead. */
    synchronized boolean addLink(Pid other) {
        if (!alive) {
            return false;
        }
        if (links == null) {
            links = new SmallSet<>();
        }
        links.add(other);
        return true;
    }

    synchronized void removeLink(Pid other) {
        if (links != null) {
            links.remove(other);
        }
    }

    synchronized boolean addMonitoredBy(MonitorRef ref) {
        if (!alive) {
            return false;
        }
        if (monitoredBy == null) {
            monitoredBy = new SmallSet<>();
        }
        monitoredBy.add(ref);
        return true;
    }

    synchronized boolean removeMonitoredBy(MonitorRef ref) {
        return monitoredBy != null && monitoredBy.remove(ref);
    }

    synchronized void addMonitoring(MonitorRef ref) {
        if (monitoring == null) {
            monitoring = new SmallSet<>();
        }
        monitoring.add(ref);
    }

    synchronized void removeMonitoring(MonitorRef ref) {
        if (monitoring != null) {
            monitoring.remove(ref);
        }
    }

    @Override
    public boolean trapExit(boolean trap) {
        boolean old = trapExit;
        trapExit = trap;
        return old;
    }

    @Override
    public void exit(ExitReason reason) {
        requireOwnThread("exit");
        if (handler != null) {
            stopRequest = reason;
            return;
        }
        throw new ProcessExit(reason);
    }

    /** Asks an event process to stop after the current callback (behaviour stop results). */
    void requestStop(ExitReason reason) {
        stopRequest = reason;
    }

    /**
     * True once a stop was requested by a behaviour result or by {@link #exit} from a callback;
     * a behaviour that handles several events per message must stop handling them then.
     */
    boolean stopRequested() {
        return stopRequest != null;
    }

    // ---------------------------------------------------------------- ending

    /**
     * Ends the process: marks it dead, frees its name, and sends exit signals to linked
     * processes and Down messages to monitors. Runs on the process's own thread, once.
     */
    void finish(ExitReason reason, boolean report) {
        SmallSet<Pid> linked;
        SmallSet<MonitorRef> watchers;
        SmallSet<MonitorRef> held;
        synchronized (this) {
            if (!alive) {
                return;
            }
            alive = false;
            exitReason = reason;
            linked = links;
            watchers = monitoredBy;
            held = monitoring;
            links = null;
            monitoredBy = null;
            monitoring = null;
        }
        if (report) {
            kernel.reports.crash(this, reason, currentMessage);
        }
        kernel.removeProcess(this);
        if (held != null) {
            held.forEach(ref -> ref.target.removeMonitoredBy(ref));
        }
        if (linked != null) {
            linked.forEach(other -> {
                other.cell.removeLink(pid);
                other.cell.signalExit(pid, reason, true);
            });
        }
        if (watchers != null) {
            watchers.forEach(ref -> ref.watcher.down(ref, pid, reason));
        }
        saved = null;
        currentMessage = null;
    }

    // ---------------------------------------------------------------- helpers

    private Object pollMailbox() {
        while (true) {
            Object item = mailbox.poll();
            if (item != null || mailbox.isEmpty()) {
                return item;
            }
            // A producer has claimed a slot but not linked its node yet: nanoseconds away.
            Thread.onSpinWait();
        }
    }

    private void drainIntoSaved() {
        Object item;
        while ((item = pollMailbox()) != null) {
            saved().addLast(item);
        }
    }

    private LinkedList<Object> saved() {
        if (saved == null) {
            saved = new LinkedList<>();
        }
        return saved;
    }

    private void requireOwnThread(String operation) {
        if (CURRENT.get() != this) {
            throw new IllegalStateException("Process " + pid + " must call " + operation
                    + " from its own code, not from thread '" + Thread.currentThread().getName() + "'");
        }
    }

    @Override
    public Pid self() {
        return pid;
    }

    @Override
    public Kernel kernel() {
        return kernel;
    }

    boolean isAlive() {
        return alive;
    }

    boolean isSuspended() {
        return suspended;
    }

    ExitReason exitReason() {
        return exitReason;
    }

    EventHandler handler() {
        return handler;
    }

    // ---------------------------------------------------------------- introspection

    ProcessInfo info() {
        List<Pid> linkList;
        List<Pid> monitorList;
        List<Pid> monitoredByList;
        synchronized (this) {
            linkList = links == null ? List.of() : links.toList();
            monitorList = monitoring == null ? List.of() : monitoring.toList().stream().map(MonitorRef::target).toList();
            monitoredByList = monitoredBy == null ? List.of()
                    : monitoredBy.toList().stream()
                            .filter(ref -> ref.watcher instanceof ProcessCell)
                            .map(ref -> ((ProcessCell) ref.watcher).pid)
                            .toList();
        }
        ProcessInfo.Status status;
        if (!alive) {
            status = ProcessInfo.Status.EXITED;
        } else if (suspended) {
            status = ProcessInfo.Status.SUSPENDED;
        } else if (handler != null) {
            status = (int) SCHEDULE.getVolatile(this) == SCHEDULED ? ProcessInfo.Status.RUNNING : ProcessInfo.Status.WAITING;
        } else {
            status = waiting ? ProcessInfo.Status.WAITING : ProcessInfo.Status.RUNNING;
        }
        String behaviour = handler != null ? handler.behaviourName() : body.getClass().getName();
        List<Pid> children = handler instanceof SupervisorChildren tree ? tree.childPids()
                : body instanceof SupervisorChildren tree ? tree.childPids() : List.of();
        return new ProcessInfo(pid, registeredName, status, mailbox.size() + (saved == null ? 0 : saved.size()),
                linkList, monitorList, monitoredByList, behaviour, handled, trapExit, parent, children, exitReason);
    }
}
