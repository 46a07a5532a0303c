package dev.tern.hotload;

import dev.tern.hotload.api.ModuleContext;
import dev.tern.hotload.api.ModuleOptions;
import dev.tern.hotload.api.ModuleTimer;
import dev.tern.hotload.api.Registration;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of one module version. It starts in the staging phase: processes start at once,
 * but registrations, MBeans, timers and threads are only recorded. {@link #goLive} applies the
 * registrations and MBeans (the switch of an upgrade) and {@link #startDeferred} the timers
 * and threads. {@link #retire}, {@link #discard} and {@link #close} undo what the version
 * started, for an upgrade that replaced it, a failed start or upgrade, and a stop.
 */
final class ModuleContextImpl<R> implements ModuleContext<R> {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleContextImpl.class);
    private static final Pattern LOCAL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    enum Phase { STAGING, LIVE, CLOSED }

    /** A server the running version started and this version takes over. */
    record Takeover(String id, GenServer<?> callbacks) {
    }

    private final ModuleHost<R> host;
    private final String module;
    private final String version;
    private final String upgradingFrom;
    private final ModuleOptions options;
    private final ClassLoader classLoader;
    private final ModuleProcesses processes;
    private volatile Set<String> takeoverCandidates;

    private volatile Phase phase = Phase.STAGING;

    // Guarded by this.
    private final Set<String> serverIds = new LinkedHashSet<>();
    private final Map<String, GenServer<?>> takeovers = new LinkedHashMap<>();
    private final Map<String, Pid> plain = new LinkedHashMap<>();
    private final List<RegistrationEntry<R>> registrations = new ArrayList<>();
    private final Map<ObjectName, Object> mbeans = new LinkedHashMap<>();
    private final List<ObjectName> liveMBeans = new ArrayList<>();
    private final Set<TimerHandle> timers = new LinkedHashSet<>();
    private final Set<Thread> threads = new LinkedHashSet<>();

    /**
     * @param upgradingFrom      the running version this context replaces, or null for a fresh start
     * @param takeoverCandidates ids of the running version's servers, which this version takes over
     */
    ModuleContextImpl(ModuleHost<R> host, String module, String version, String upgradingFrom, ModuleOptions options,
            ClassLoader classLoader, ModuleProcesses processes, Set<String> takeoverCandidates) {
        this.host = host;
        this.module = module;
        this.version = version;
        this.upgradingFrom = upgradingFrom;
        this.options = options;
        this.classLoader = classLoader;
        this.processes = processes;
        this.takeoverCandidates = Set.copyOf(takeoverCandidates);
    }

    // ---------------------------------------------------------------- what modules call

    @Override
    public String moduleName() {
        return module;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Optional<String> upgradingFrom() {
        return Optional.ofNullable(upgradingFrom);
    }

    @Override
    public ModuleOptions options() {
        return options;
    }

    @Override
    public Kernel kernel() {
        return host.kernel();
    }

    @Override
    public Pid startServer(String id, GenServer<?> callbacks, Object args) {
        return startServer(id, null, callbacks, args);
    }

    @Override
    public Pid startServer(String id, String registeredName, GenServer<?> callbacks, Object args) {
        requireLocalName("Server id", id);
        Objects.requireNonNull(callbacks, "callbacks");
        host.sharedTypes().requireShared(args, "The args of server '" + id + "' of module '" + module + "'");
        synchronized (this) {
            requireOpen();
            if (!serverIds.add(id)) {
                throw new IllegalArgumentException("Module '" + module + "' already started a server with id '" + id
                        + "'; give each server its own id");
            }
        }
        try {
            if (phase == Phase.STAGING && takeoverCandidates.contains(id) && processes.slot(id) != null) {
                return takeOver(id, registeredName, callbacks);
            }
            return processes.startServer(new ServerSlot(id, registeredName, callbacks, args));
        } catch (RuntimeException e) {
            synchronized (this) {
                serverIds.remove(id);
                takeovers.remove(id);
            }
            throw e;
        }
    }

    private Pid takeOver(String id, String registeredName, GenServer<?> callbacks) {
        ServerSlot slot = processes.slot(id);
        if (!Objects.equals(slot.registeredName, registeredName)) {
            throw new IllegalArgumentException("Server '" + id + "' of module '" + module + "' is registered as '"
                    + slot.registeredName + "' by version " + upgradingFrom + ", but version " + version + " requests '"
                    + registeredName + "'; keep the name or give the server a new id");
        }
        Pid pid = processes.pid(id).orElseThrow(() -> new IllegalStateException("Server '" + id + "' of module '"
                + module + "' is not running (its supervisor is restarting it or gave up); retry the upgrade"));
        synchronized (this) {
            takeovers.put(id, callbacks);
        }
        return pid;
    }

    @Override
    public Optional<Pid> server(String id) {
        synchronized (this) {
            if (!serverIds.contains(id)) {
                return Optional.empty();
            }
        }
        return processes.pid(id);
    }

    @Override
    public Pid spawn(String id, ProcessBody body) {
        requireLocalName("Process id", id);
        Objects.requireNonNull(body, "body");
        synchronized (this) {
            requireOpen();
            if (plain.containsKey(id)) {
                throw new IllegalArgumentException("Module '" + module + "' already spawned a process with id '" + id
                        + "'; give each process its own id");
            }
            Pid pid = processes.spawn(body);
            plain.put(id, pid);
            return pid;
        }
    }

    @Override
    public Registration register(R registration) {
        Objects.requireNonNull(registration, "registration");
        RegistrationEntry<R> entry = new RegistrationEntry<>(this, registration);
        synchronized (this) {
            requireOpen();
            registrations.add(entry);
        }
        if (phase == Phase.LIVE) {
            try {
                entry.apply(host.sink(), module);
            } catch (Exception e) {
                forget(entry);
                throw new IllegalStateException("The host rejected registration " + registration + " of module '"
                        + module + "': " + e.getMessage(), e);
            }
        }
        return entry;
    }

    @Override
    public ModuleTimer sendAfter(Duration delay, Pid to, Object message) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        return addTimer(new TimerHandle(this, delay, false, () -> host.kernel().send(to, message)));
    }

    @Override
    public ModuleTimer sendInterval(Duration period, Pid to, Object message) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        return addTimer(new TimerHandle(this, period, true, () -> host.kernel().send(to, message)));
    }

    @Override
    public ModuleTimer schedule(Duration delay, Runnable action) {
        Objects.requireNonNull(action, "action");
        return addTimer(new TimerHandle(this, delay, false, () -> runAction(action)));
    }

    @Override
    public ModuleTimer every(Duration period, Runnable action) {
        Objects.requireNonNull(action, "action");
        return addTimer(new TimerHandle(this, period, true, () -> runAction(action)));
    }

    private ModuleTimer addTimer(TimerHandle timer) {
        synchronized (this) {
            requireOpen();
            timers.add(timer);
        }
        if (phase == Phase.LIVE) {
            timer.schedule(host.timers());
        }
        return timer;
    }

    /** Runs a timer action on a virtual thread that a stop interrupts and waits for like any module thread. */
    private void runAction(Runnable action) {
        Thread thread = newThread(Thread.ofVirtual().name(module + "-timer"), action);
        synchronized (this) {
            if (phase == Phase.LIVE) {
                threads.add(thread);
                thread.start();
            }
        }
    }

    @Override
    public Thread startThread(String name, Runnable task) {
        requireLocalName("Thread name", name);
        Objects.requireNonNull(task, "task");
        Thread thread = newThread(Thread.ofPlatform().daemon().name(module + "-" + name), task);
        // Started under the lock, so a concurrent close either finds it running or prevents the start.
        synchronized (this) {
            requireOpen();
            threads.add(thread);
            if (phase == Phase.LIVE) {
                thread.start();
            }
        }
        return thread;
    }

    private Thread newThread(Thread.Builder builder, Runnable task) {
        Thread[] self = new Thread[1];
        Thread thread = builder.unstarted(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.atError().addKeyValue("module", module).setCause(e)
                        .log("Thread '{}' of module '{}' failed", Thread.currentThread().getName(), module);
            } finally {
                synchronized (this) {
                    threads.remove(self[0]);
                }
            }
        });
        self[0] = thread;
        thread.setContextClassLoader(classLoader);
        return thread;
    }

    @Override
    public void registerMBean(String name, Object mbean) {
        requireLocalName("MBean name", name);
        Objects.requireNonNull(mbean, "mbean");
        ObjectName objectName = mbeanName(module, name);
        synchronized (this) {
            requireOpen();
            if (mbeans.putIfAbsent(objectName, mbean) != null) {
                throw new IllegalArgumentException("Module '" + module + "' already registered MBean '" + name + "'");
            }
        }
        if (phase != Phase.LIVE) {
            return;
        }
        try {
            host.mbeanServer().registerMBean(mbean, objectName);
        } catch (JMException e) {
            synchronized (this) {
                mbeans.remove(objectName);
            }
            throw new IllegalArgumentException("Cannot register MBean " + objectName + ": " + e.getMessage(), e);
        }
        boolean stillLive;
        synchronized (this) {
            stillLive = phase == Phase.LIVE;
            if (stillLive) {
                liveMBeans.add(objectName);
            }
        }
        if (!stillLive) {
            unregister(objectName);
        }
    }

    /** Returns the object name of a module's own MBean. */
    static ObjectName mbeanName(String module, String name) {
        try {
            return new ObjectName("tern:type=ModuleBean,module=" + module + ",name=" + name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Invalid MBean name '" + name + "' for module '" + module + "'", e);
        }
    }

    // ---------------------------------------------------------------- what the manager calls

    Phase phase() {
        return phase;
    }

    String versionString() {
        return version;
    }

    synchronized Set<String> serverIds() {
        return new LinkedHashSet<>(serverIds);
    }

    synchronized List<Takeover> takeovers() {
        List<Takeover> list = new ArrayList<>();
        takeovers.forEach((id, callbacks) -> list.add(new Takeover(id, callbacks)));
        return list;
    }

    /**
     * Applies the staged MBeans and registrations; from now on new ones apply at once.
     *
     * @throws Exception what the MBean server or sink threw; what this call applied is withdrawn first
     */
    void goLive() throws Exception {
        List<Map.Entry<ObjectName, Object>> beans;
        List<RegistrationEntry<R>> staged;
        synchronized (this) {
            requireOpen();
            phase = Phase.LIVE;
            takeoverCandidates = Set.of();
            beans = new ArrayList<>(mbeans.entrySet());
            staged = new ArrayList<>(registrations);
        }
        try {
            for (Map.Entry<ObjectName, Object> bean : beans) {
                host.mbeanServer().registerMBean(bean.getValue(), bean.getKey());
                synchronized (this) {
                    liveMBeans.add(bean.getKey());
                }
            }
            for (RegistrationEntry<R> entry : staged) {
                entry.apply(host.sink(), module);
            }
        } catch (Exception | Error e) {
            withdraw();
            throw e;
        }
    }

    /**
     * Withdraws the registrations and MBeans for the switch of an upgrade. Until
     * {@link #restore} or {@link #retire}, new registrations, timers and threads are only
     * recorded, as while staging.
     */
    void switchOut() {
        synchronized (this) {
            requireOpen();
            phase = Phase.STAGING;
        }
        withdraw();
    }

    /** Re-applies registrations and MBeans after {@link #switchOut}, when the switch failed. */
    void restore() throws Exception {
        goLive();
        startDeferred();
    }

    /** Starts the timers and threads recorded while staging. */
    void startDeferred() {
        List<TimerHandle> pendingTimers;
        synchronized (this) {
            if (phase != Phase.LIVE) {
                return;
            }
            pendingTimers = new ArrayList<>(timers);
            threads.stream().filter(thread -> thread.getState() == Thread.State.NEW).forEach(Thread::start);
        }
        pendingTimers.forEach(timer -> timer.schedule(host.timers()));
    }

    /** Takes the registrations out of the sink and unregisters the MBeans, newest first. */
    private void withdraw() {
        List<RegistrationEntry<R>> live;
        List<ObjectName> beans;
        synchronized (this) {
            live = new ArrayList<>(registrations);
            beans = new ArrayList<>(liveMBeans);
            liveMBeans.clear();
        }
        for (int i = live.size() - 1; i >= 0; i--) {
            try {
                live.get(i).withdraw();
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("module", module).setCause(e)
                        .log("Withdrawing registration '{}' of module '{}' failed", live.get(i), module);
            }
        }
        for (int i = beans.size() - 1; i >= 0; i--) {
            unregister(beans.get(i));
        }
    }

    private void unregister(ObjectName name) {
        try {
            host.mbeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.atWarn().addKeyValue("module", module).setCause(e)
                    .log("Unregistering MBean '{}' of module '{}' failed", name, module);
        }
    }

    /**
     * Ends this version after an upgrade replaced it: timers, threads, and the servers and
     * plain processes the new version did not take over, with their descendants.
     *
     * @return what could not be undone, for the module's last error; empty when all went
     */
    List<String> retire(Set<String> keptServerIds) {
        List<String> problems = shutDown();
        List<String> dropped = new ArrayList<>(serverIds());
        dropped.removeAll(keptServerIds);
        problems.addAll(stopProcesses(dropped));
        return problems;
    }

    /** Undoes a staging that failed: servers it started (not taken over) and plain processes; nothing else ran yet. */
    List<String> discard() {
        List<String> problems = shutDown();
        List<String> started;
        synchronized (this) {
            started = new ArrayList<>(serverIds);
            started.removeAll(takeovers.keySet());
        }
        problems.addAll(stopProcesses(started));
        return problems;
    }

    /** Undoes everything but the processes, which the stop of the module's supervisor ends. */
    List<String> close() {
        return shutDown();
    }

    // Closing first makes late calls from module threads fail instead of adding to what is being undone.
    private List<String> shutDown() {
        List<TimerHandle> pendingTimers;
        List<Thread> running;
        synchronized (this) {
            phase = Phase.CLOSED;
            pendingTimers = new ArrayList<>(timers);
            running = new ArrayList<>(threads);
        }
        withdraw();
        pendingTimers.forEach(TimerHandle::cancel);
        running.forEach(Thread::interrupt);
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + host.stopTimeout().toNanos();
        for (Thread thread : running) {
            if (thread.getState() == Thread.State.NEW) {
                continue;
            }
            try {
                long remaining = Math.max(1, deadline - System.nanoTime());
                if (!thread.join(Duration.ofNanos(remaining))) {
                    problems.add("thread '" + thread.getName() + "' did not end within " + host.stopTimeout()
                            + " of being interrupted");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while waiting for thread '" + thread.getName() + "'");
                break;
            }
        }
        synchronized (this) {
            threads.removeIf(thread -> thread.getState() == Thread.State.NEW);
        }
        return problems;
    }

    private List<String> stopProcesses(List<String> droppedServerIds) {
        List<Pid> roots = new ArrayList<>();
        synchronized (this) {
            roots.addAll(plain.values());
            plain.clear();
        }
        for (String id : droppedServerIds) {
            processes.pid(id).ifPresent(roots::add);
        }
        List<Pid> tree = processes.tree(roots);
        List<String> problems = new ArrayList<>();
        for (String id : droppedServerIds) {
            try {
                processes.stopServer(id);
            } catch (RuntimeException e) {
                problems.add("server '" + id + "' did not stop: " + e.getMessage());
            }
        }
        for (Pid survivor : ProcessTermination.terminate(host.kernel(), tree, host.stopTimeout())) {
            problems.add("process " + survivor + " did not end");
        }
        return problems;
    }

    /** Drops a removed registration or a finished or cancelled timer. */
    synchronized void forget(Object item) {
        if (item instanceof TimerHandle timer) {
            timers.remove(timer);
        } else {
            registrations.remove(item);
        }
    }

    // ---------------------------------------------------------------- introspection

    synchronized List<String> liveRegistrations() {
        return registrations.stream().filter(RegistrationEntry::isLive).map(RegistrationEntry::toString).toList();
    }

    synchronized int timerCount() {
        return phase == Phase.CLOSED ? 0 : timers.size();
    }

    synchronized int threadCount() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    synchronized List<String> mbeanNames() {
        return liveMBeans.stream().map(ObjectName::getCanonicalName).toList();
    }

    // ---------------------------------------------------------------- helpers

    private void requireOpen() {
        if (phase == Phase.CLOSED) {
            throw new IllegalStateException("Module '" + module + "' version " + version
                    + " has stopped or been replaced; its context accepts nothing more");
        }
    }

    private static void requireLocalName(String what, String name) {
        if (name == null || !LOCAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is invalid: use 1 to 100 letters, digits, "
                    + "'.', '_' or '-'");
        }
    }
}
