package dev.tern.hotload;

import dev.tern.hotload.LifecycleLog.Operation;
import dev.tern.hotload.api.ModuleOptions;
import dev.tern.hotload.descriptor.ModuleDescriptor;
import dev.tern.hotload.descriptor.OptionResolver;
import dev.tern.hotload.loading.CodeLoader;
import dev.tern.hotload.loading.LoadedCode;
import dev.tern.hotload.loading.ModuleArtifact;
import dev.tern.hotload.loading.ModuleRepository;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.SupervisorSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.management.MBeanServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, starts, stops, upgrades and rolls back modules from a repository on disk. This is
 * what a host embeds: it builds one manager over its kernel, names its API modules, the
 * binding to its module API and the sink for registrations, and exposes the manager through
 * {@link dev.tern.hotload.management.ManagementPlane}.
 *
 * <p>Operations run one at a time; {@link #list} and {@link #info} read without waiting for them.
 *
 * @param <R> the host's registration type
 */
public final class ModuleManager<R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleManager.class);

    private final ModuleHost<R> host;
    private final ModuleRepository repository;
    private final CodeLoader codeLoader;
    private final EntryBinding<?, R> binding;
    private final Function<String, Map<String, String>> configuration;
    private final DispatchGate gate;
    private final List<ModuleListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ModuleRecord<R>> modules = new ConcurrentHashMap<>();
    private final ReentrantLock operations = new ReentrantLock();
    private final AtomicLong startSequence = new AtomicLong();
    private final int restartIntensity;
    private final Duration restartPeriod;
    private final Duration switchTimeout;

    private ModuleManager(Builder<R> builder) {
        List<ApiModule> apis = List.copyOf(builder.apis.values());
        this.host = new ModuleHost<>(builder.kernel, builder.sink, builder.mbeanServer, new ModuleTimers(),
                new SharedTypes(apis), builder.stopTimeout);
        this.repository = new ModuleRepository(builder.repository);
        this.codeLoader = new CodeLoader(apis);
        this.binding = new EntryBinding<>(builder.binding);
        this.configuration = builder.configuration;
        this.restartIntensity = builder.restartIntensity;
        this.restartPeriod = builder.restartPeriod;
        this.switchTimeout = builder.switchTimeout;
        this.gate = builder.gate;
        this.listeners.addAll(builder.listeners);
    }

    /**
     * Starts building a manager for modules of {@code repository} running in {@code kernel},
     * with hotload's own module API, the API modules {@code tern.kernel}, {@code tern.hotload}
     * and {@code org.slf4j}, and a sink that rejects registrations.
     */
    public static <R> Builder<R> builder(Kernel kernel, Path repository) {
        return new Builder<>(kernel, repository);
    }

    /** The settings of a {@link ModuleManager}. */
    public static final class Builder<R> {
        private final Kernel kernel;
        private final Path repository;
        private final Map<String, ApiModule> apis = new LinkedHashMap<>();
        private ModuleBinding<?, R> binding = ModuleBinding.standard();
        private RegistrationSink<R> sink = RegistrationSink.rejecting();
        private Function<String, Map<String, String>> configuration = module -> Map.of();
        private MBeanServer mbeanServer = ManagementFactory.getPlatformMBeanServer();
        private final List<ModuleListener> listeners = new ArrayList<>();
        private int restartIntensity = SupervisorSpec.DEFAULT_INTENSITY;
        private Duration restartPeriod = SupervisorSpec.DEFAULT_PERIOD;
        private Duration stopTimeout = Duration.ofSeconds(5);
        private Duration switchTimeout = Duration.ofSeconds(10);
        private DispatchGate gate = new DispatchGate();

        private Builder(Kernel kernel, Path repository) {
            this.kernel = Objects.requireNonNull(kernel, "kernel");
            this.repository = Objects.requireNonNull(repository, "repository");
            for (ApiModule api : List.of(ApiModule.kernel(), ApiModule.hotload(), ApiModule.slf4j())) {
                apis.put(api.name(), api);
            }
        }

        /** Adds an API module, or replaces the default one of the same name. */
        public Builder<R> apiModule(ApiModule api) {
            apis.put(api.name(), api);
            return this;
        }

        /** Sets how entries are started and migrated (default: hotload's {@link dev.tern.hotload.api.ModuleEntry}). */
        public Builder<R> binding(ModuleBinding<?, R> value) {
            this.binding = Objects.requireNonNull(value, "binding");
            return this;
        }

        /** Sets where registrations go live. */
        public Builder<R> sink(RegistrationSink<R> value) {
            this.sink = Objects.requireNonNull(value, "sink");
            return this;
        }

        /** Sets where each module's option values come from: module name to option name to text. */
        public Builder<R> configuration(Function<String, Map<String, String>> value) {
            this.configuration = Objects.requireNonNull(value, "configuration");
            return this;
        }

        /** Sets the MBean server for modules' own MBeans (default: the platform server). */
        public Builder<R> mbeanServer(MBeanServer value) {
            this.mbeanServer = Objects.requireNonNull(value, "mbeanServer");
            return this;
        }

        public Builder<R> listener(ModuleListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** Sets how many server restarts within {@code period} make a module's supervisor give up (default: OTP's 1 in 5 s). */
        public Builder<R> restartIntensity(int intensity, Duration period) {
            this.restartIntensity = intensity;
            this.restartPeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /** Sets how long a stop waits for processes and threads to end before killing or reporting them (default 5 s). */
        public Builder<R> stopTimeout(Duration value) {
            this.stopTimeout = Objects.requireNonNull(value, "stopTimeout");
            return this;
        }

        /** Sets how long an upgrade waits for dispatches inside the gate to leave (default 10 s). */
        public Builder<R> switchTimeout(Duration value) {
            this.switchTimeout = Objects.requireNonNull(value, "switchTimeout");
            return this;
        }

        /**
         * Sets the gate upgrades close, for a host that builds its dispatch before the manager
         * (default: a new gate, which {@link ModuleManager#gate()} returns).
         */
        public Builder<R> gate(DispatchGate value) {
            this.gate = Objects.requireNonNull(value, "gate");
            return this;
        }

        public ModuleManager<R> build() {
            return new ModuleManager<>(this);
        }
    }

    // ---------------------------------------------------------------- install and uninstall

    /** Installs the version at repository path {@code <name>/<version>}. */
    public ModuleInfo install(String repositoryPath) {
        String[] parts = ModuleRepository.parsePath(repositoryPath);
        return install(parts[0], parts[1]);
    }

    /**
     * Loads and verifies {@code name} at {@code version} (descriptor, API modules, options,
     * entry class) without starting it.
     *
     * @throws ModuleException when it is already installed or fails verification
     */
    public ModuleInfo install(String name, String version) {
        operations.lock();
        try {
            long start = System.nanoTime();
            ModuleRecord<R> existing = modules.get(name);
            if (existing != null) {
                throw new ModuleException("Module '" + name + "' is already installed at version " + existing.version.version()
                        + "; upgrade it, or stop and uninstall it first");
            }
            LoadedVersion loaded = load(name, version);
            modules.put(name, new ModuleRecord<>(name, loaded));
            LifecycleLog.succeeded(Operation.INSTALL, name, LifecycleLog.NONE, version, start);
            listeners.forEach(listener -> notifySafely(() -> listener.installed(name)));
            return info(name).orElseThrow();
        } finally {
            operations.unlock();
        }
    }

    /**
     * Removes a stopped module and releases its code.
     *
     * @throws ModuleException when it runs or another installed module requires it
     */
    public void uninstall(String name) {
        operations.lock();
        try {
            long start = System.nanoTime();
            ModuleRecord<R> record = require(name);
            if (record.isRunning()) {
                throw new ModuleException("Module '" + name + "' is running; stop it before uninstalling");
            }
            List<String> dependents = modules.values().stream()
                    .filter(other -> other.version.descriptor().requires().containsKey(name))
                    .map(other -> other.name).sorted().toList();
            if (!dependents.isEmpty()) {
                throw new ModuleException("Module '" + name + "' is required by installed modules " + dependents
                        + "; uninstall them first");
            }
            modules.remove(name);
            record.version.close();
            LifecycleLog.succeeded(Operation.UNINSTALL, name, record.version.version(), LifecycleLog.NONE, start);
            listeners.forEach(listener -> notifySafely(() -> listener.uninstalled(name)));
        } finally {
            operations.unlock();
        }
    }

    // ---------------------------------------------------------------- start and stop

    /**
     * Starts an installed module: its entry's start declares processes and registrations, which
     * go live when start returns.
     *
     * @throws ModuleException when it already runs, a hard dependency is not running at an
     *                         accepted version, or its start fails (everything it started is undone)
     */
    public ModuleInfo start(String name) {
        operations.lock();
        try {
            startLocked(require(name));
            return info(name).orElseThrow();
        } finally {
            operations.unlock();
        }
    }

    /**
     * Starts every installed module that is not running, each after its dependencies.
     *
     * @throws ModuleException for a missing dependency or a cycle (naming the modules) before
     *                         anything starts, or for the first start that fails
     */
    public List<ModuleInfo> startAll() {
        operations.lock();
        try {
            for (String name : DependencyOrder.startOrder(descriptors())) {
                ModuleRecord<R> record = modules.get(name);
                if (!record.isRunning()) {
                    startLocked(record);
                }
            }
            return list();
        } finally {
            operations.unlock();
        }
    }

    private void startLocked(ModuleRecord<R> record) {
        if (record.isRunning()) {
            throw new ModuleException("Module '" + record.name + "' is already running version " + record.version.version()
                    + (record.processes.isAlive() ? "" : ", though its supervisor has ended; stop it to clean up, then start it"));
        }
        long start = System.nanoTime();
        LoadedVersion version = record.version;
        checkDependenciesRunning(version.descriptor());

        record.state = ModuleState.STARTING;
        ModuleProcesses processes = ModuleProcesses.start(host.kernel(), restartIntensity, restartPeriod);
        ModuleContextImpl<R> context = new ModuleContextImpl<>(host, record.name, version.version(), null,
                version.options, version.classLoader(), processes, Collections.emptySet());
        try {
            binding.start(version, context);
            context.goLive();
            context.startDeferred();
        } catch (Exception | Error e) {
            List<String> problems = new ArrayList<>(context.discard());
            processes.shutdown(host.stopTimeout()).forEach(pid -> problems.add("process " + pid + " did not end"));
            record.state = ModuleState.FAILED;
            ModuleException failure = new ModuleException("Module '" + record.name + "' version " + version.version()
                    + " failed to start: " + e.getMessage() + "; everything it started was undone"
                    + (problems.isEmpty() ? "" : " except: " + String.join("; ", problems)), e);
            record.lastError = failure.getMessage();
            LifecycleLog.failed(Operation.START, record.name, LifecycleLog.NONE, version.version(), start, failure);
            throw failure;
        }

        record.processes = processes;
        record.context = context;
        record.startedAt = Instant.now();
        record.startSequence = startSequence.incrementAndGet();
        record.state = ModuleState.RUNNING;
        LifecycleLog.succeeded(Operation.START, record.name, LifecycleLog.NONE, version.version(), start);
    }

    /**
     * Stops a running module: its entry's stop runs, then its registrations, MBeans, timers,
     * threads and processes are undone.
     *
     * @throws ModuleException when it does not run or a running module requires it
     */
    public ModuleInfo stop(String name) {
        operations.lock();
        try {
            stopLocked(require(name));
            return info(name).orElseThrow();
        } finally {
            operations.unlock();
        }
    }

    /**
     * Stops every running module in reverse start order, so dependents stop before their
     * dependencies.
     */
    public void stopAll() {
        operations.lock();
        try {
            for (ModuleRecord<R> record : runningNewestFirst()) {
                stopLocked(record);
            }
        } finally {
            operations.unlock();
        }
    }

    private List<ModuleRecord<R>> runningNewestFirst() {
        return modules.values().stream()
                .filter(ModuleRecord::isRunning)
                .sorted((left, right) -> Long.compare(right.startSequence, left.startSequence))
                .toList();
    }

    private void stopLocked(ModuleRecord<R> record) {
        if (!record.isRunning()) {
            throw new ModuleException("Module '" + record.name + "' is not running");
        }
        List<String> dependents = modules.values().stream()
                .filter(other -> other.isRunning() && other.version.descriptor().requires().containsKey(record.name))
                .map(other -> other.name).sorted().toList();
        if (!dependents.isEmpty()) {
            throw new ModuleException("Module '" + record.name + "' is required by running modules " + dependents
                    + "; stop them first");
        }
        long start = System.nanoTime();
        String version = record.version.version();
        record.state = ModuleState.STOPPING;
        List<String> problems = new ArrayList<>();
        try {
            binding.stop(record.version, record.context);
        } catch (Exception | Error e) {
            problems.add("its stop failed: " + e);
            LOG.atError().addKeyValue("module", record.name).setCause(e).log("Stop code of module '{}' failed", record.name);
        }

        problems.addAll(record.context.close());
        record.processes.shutdown(host.stopTimeout()).forEach(pid -> problems.add("process " + pid + " did not end"));

        record.context = null;
        record.processes = null;
        record.startedAt = null;
        record.startSequence = 0;
        record.state = ModuleState.INSTALLED;
        if (problems.isEmpty()) {
            LifecycleLog.succeeded(Operation.STOP, record.name, version, LifecycleLog.NONE, start);
        } else {
            record.lastError = "Stop of version " + version + " left problems: " + String.join("; ", problems);
            LifecycleLog.completedWithProblems(Operation.STOP, record.name, version, LifecycleLog.NONE, start, String.join("; ", problems));
        }
    }

    // ---------------------------------------------------------------- upgrade and rollback

    /**
     * Replaces the module's version with {@code version} while it runs, migrating its servers'
     * state; a module that does not run just gets the new code. On failure the old version
     * keeps running with its state, and the exception's message and cause give the reason.
     *
     * @throws ModuleException when the new version fails to load, start or migrate
     */
    public ModuleInfo upgrade(String name, String version) {
        operations.lock();
        try {
            ModuleRecord<R> record = require(name);
            String from = record.version.version();
            replace(record, version, Operation.UPGRADE);
            record.pushPrevious(from);
            return info(name).orElseThrow();
        } finally {
            operations.unlock();
        }
    }

    /**
     * Returns the module to the version its last upgrade replaced, by the same protocol as
     * {@link #upgrade}.
     *
     * @throws ModuleException when no upgrade happened, or the rollback fails (the current version keeps running)
     */
    public ModuleInfo rollback(String name) {
        operations.lock();
        try {
            ModuleRecord<R> record = require(name);
            List<String> previousVersions = record.previousVersions;
            if (previousVersions.isEmpty()) {
                throw new ModuleException("Module '" + name + "' has no earlier version to roll back to; it runs "
                        + record.version.version() + " since it was installed");
            }
            replace(record, previousVersions.getFirst(), Operation.ROLLBACK);
            record.popPrevious();
            return info(name).orElseThrow();
        } finally {
            operations.unlock();
        }
    }

    private void replace(ModuleRecord<R> record, String version, Operation operation) {
        long start = System.nanoTime();
        String from = record.version.version();
        if (!record.isRunning()) {
            replaceStopped(record, version, operation, start);
            return;
        }
        ModuleState before = record.state;
        record.state = ModuleState.UPGRADING;
        List<String> problems;
        try {
            problems = new Upgrade<>(this, record, version).run();
        } catch (RuntimeException e) {
            record.state = before;
            record.lastError = e.getMessage();
            LifecycleLog.failed(operation, record.name, from, version, start, e);
            throw e;
        }
        record.state = ModuleState.RUNNING;
        if (problems.isEmpty()) {
            LifecycleLog.succeeded(operation, record.name, from, version, start);
        } else {
            record.lastError = "Stopping version " + from + " after the " + operation.name().toLowerCase(java.util.Locale.ROOT)
                    + " left problems: " + String.join("; ", problems);
            LifecycleLog.completedWithProblems(operation, record.name, from, version, start, String.join("; ", problems));
        }
    }

    private void replaceStopped(ModuleRecord<R> record, String version, Operation operation, long start) {
        String from = record.version.version();
        try {
            LoadedVersion next = load(record.name, version);
            try {
                checkDependentsAccept(record.name, next.descriptor(), false);
            } catch (RuntimeException e) {
                next.close();
                throw e;
            }
            LoadedVersion old = record.version;
            record.version = next;
            old.close();
        } catch (RuntimeException e) {
            record.lastError = e.getMessage();
            LifecycleLog.failed(operation, record.name, from, version, start, e);
            throw e;
        }
        LifecycleLog.succeeded(operation, record.name, from, version, start);
    }

    // ---------------------------------------------------------------- introspection

    /** Returns every installed module, by name. */
    public List<ModuleInfo> list() {
        List<ModuleInfo> infos = new ArrayList<>();
        new TreeMap<>(modules).values().forEach(record -> infos.add(info(record)));
        return infos;
    }

    /** Returns one installed module, or empty. */
    public Optional<ModuleInfo> info(String name) {
        ModuleRecord<R> record = modules.get(name);
        return record == null ? Optional.empty() : Optional.of(info(record));
    }

    /**
     * Returns the class loader of the module's current version, for diagnostics. Holding it
     * keeps that version loaded after an upgrade; keep it in a {@link java.lang.ref.WeakReference}.
     */
    public Optional<ClassLoader> classLoader(String name) {
        ModuleRecord<R> record = modules.get(name);
        return record == null ? Optional.empty() : Optional.of(record.version.classLoader());
    }

    /** Returns which module owns each live process that belongs to a module. */
    public Map<Pid, String> processOwners() {
        Map<Pid, String> owners = new LinkedHashMap<>();
        for (ModuleRecord<R> record : modules.values()) {
            ModuleProcesses processes = record.processes;
            if (processes != null) {
                processes.live().forEach(pid -> owners.put(pid, record.name));
            }
        }
        return owners;
    }

    /** Returns the gate the host's dispatch enters; see {@link DispatchGate}. */
    public DispatchGate gate() {
        return gate;
    }

    public Kernel kernel() {
        return host.kernel();
    }

    public ModuleRepository repository() {
        return repository;
    }

    public void addListener(ModuleListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ModuleListener listener) {
        listeners.remove(listener);
    }

    /**
     * Stops every module, releases their code and stops the timer thread; the kernel keeps
     * running. A module whose stop fails is logged and skipped, so the others still stop.
     */
    @Override
    public void close() {
        operations.lock();
        try {
            for (ModuleRecord<R> record : runningNewestFirst()) {
                try {
                    stopLocked(record);
                } catch (RuntimeException e) {
                    LOG.atError().addKeyValue("module", record.name).setCause(e)
                            .log("Stopping module '{}' while closing failed", record.name);
                }
            }
            for (ModuleRecord<R> record : List.copyOf(modules.values())) {
                modules.remove(record.name);
                record.version.close();
                listeners.forEach(listener -> notifySafely(() -> listener.uninstalled(record.name)));
            }
            host.timers().close();
        } finally {
            operations.unlock();
        }
    }

    private ModuleInfo info(ModuleRecord<R> record) {
        ModuleContextImpl<R> context = record.context;
        ModuleProcesses processes = record.processes;
        ModuleState state = record.state;
        String lastError = record.lastError;
        if (state == ModuleState.RUNNING && processes != null && !processes.isAlive()) {
            state = ModuleState.FAILED;
            lastError = "The supervisor of module '" + record.name + "' ended after too many server restarts; stop the "
                    + "module, then start it";
        }
        return new ModuleInfo(record.name, record.version.version(), state, record.startedAt,
                context == null ? List.of() : context.liveRegistrations(),
                processes == null ? List.of() : processes.live(),
                context == null ? 0 : context.timerCount(),
                context == null ? 0 : context.threadCount(),
                context == null ? List.of() : context.mbeanNames(),
                record.previousVersions, lastError);
    }

    // ---------------------------------------------------------------- shared with Upgrade

    ModuleHost<R> host() {
        return host;
    }

    EntryBinding<?, R> binding() {
        return binding;
    }

    Duration switchTimeout() {
        return switchTimeout;
    }

    /**
     * Loads, verifies and instantiates {@code name} at {@code version}.
     *
     * @throws ModuleException saying what is wrong with the version
     */
    LoadedVersion load(String name, String version) {
        LoadedCode code = null;
        try {
            ModuleArtifact artifact = repository.locate(name, version);
            ModuleOptions options = new ModuleOptions(OptionResolver.resolve(artifact.descriptor(), configuration.apply(name)));
            code = codeLoader.load(artifact);
            LoadedVersion loaded = new LoadedVersion(code, binding.instantiate(code), options);
            binding.verify(loaded);
            return loaded;
        } catch (Exception | LinkageError e) {
            if (code != null) {
                code.close();
            }
            throw new ModuleException("Cannot load module " + name + "@" + version + ": " + e.getMessage(), e);
        }
    }

    /** Checks that the new version's hard dependencies run and that running dependents accept its version. */
    void checkUpgradeDependencies(String name, ModuleDescriptor next) {
        checkDependenciesRunning(next);
        checkDependentsAccept(name, next, true);
    }

    private void checkDependenciesRunning(ModuleDescriptor descriptor) {
        List<String> problems = new ArrayList<>();
        new TreeMap<>(descriptor.requires()).forEach((dependency, range) -> {
            ModuleRecord<R> target = modules.get(dependency);
            if (target == null || !target.isRunning()) {
                problems.add("'" + dependency + "' " + range + " is not " + (target == null ? "installed" : "running"));
            } else if (!range.includes(target.version.version())) {
                problems.add("'" + dependency + "' " + range + " runs version " + target.version.version());
            }
        });
        if (!problems.isEmpty()) {
            throw new ModuleException("Module " + descriptor.coordinates() + " requires " + String.join(", ", problems)
                    + "; start the required modules first");
        }
    }

    private void checkDependentsAccept(String name, ModuleDescriptor next, boolean runningOnly) {
        List<String> problems = new ArrayList<>();
        for (ModuleRecord<R> other : new TreeMap<>(modules).values()) {
            var range = other.version.descriptor().requires().get(name);
            if (range != null && (!runningOnly || other.isRunning()) && !range.includes(next.version())) {
                problems.add("'" + other.name + "' requires " + range);
            }
        }
        if (!problems.isEmpty()) {
            throw new ModuleException("Version " + next.version() + " of module '" + name + "' does not satisfy "
                    + String.join(", ", problems) + "; upgrade those modules first");
        }
    }

    void notifyPhase(String module, String from, String to, UpgradePhase phase, boolean mayFail) {
        for (ModuleListener listener : listeners) {
            if (mayFail) {
                listener.upgradePhase(module, from, to, phase);
            } else {
                notifySafely(() -> listener.upgradePhase(module, from, to, phase));
            }
        }
    }

    private static void notifySafely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Module listener failed", e);
        }
    }

    private ModuleRecord<R> require(String name) {
        ModuleRecord<R> record = modules.get(name);
        if (record == null) {
            throw new ModuleException("Module '" + name + "' is not installed; installed modules: "
                    + new TreeMap<>(modules).keySet());
        }
        return record;
    }

    private Map<String, ModuleDescriptor> descriptors() {
        Map<String, ModuleDescriptor> descriptors = new LinkedHashMap<>();
        modules.forEach((name, record) -> descriptors.put(name, record.version.descriptor()));
        return descriptors;
    }
}
