package dev.tern.server.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.module.Cancellable;
import dev.tern.xmpp.api.module.Counter;
import dev.tern.xmpp.api.module.IqHandler;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.ModuleOption;
import dev.tern.xmpp.api.module.ModuleStorage;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.ServiceRef;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.Sessions;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaHook;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModuleContext} of one version of one module. It records each registration in the
 * version's {@link Registrations}, which the host publishes in its dispatch tables when the
 * module's start returns, and undoes the version's timers, services and counters when it stops
 * ({@link #close}) or when its start fails ({@link #abandon}).
 *
 * <p>During a replace, {@code predecessor} contains the running version's registrations: a
 * service spawned under a name the predecessor used takes over that process instead of
 * starting a new one.
 */
final class HostedContext implements ModuleContext {

    private static final Logger LOG = LoggerFactory.getLogger(HostedContext.class);

    private final ModuleHost host;
    private final String moduleName;
    private final String version;
    private final Map<String, String> options;
    private final Registrations registrations;
    private final ModuleServices services;
    private final Registrations predecessor;
    private final System.Logger logger;
    private final ModuleStorage storage;
    private final Object resourceLock = new Object();
    private volatile boolean closed;

    HostedContext(ModuleHost host, String moduleName, String version, Map<String, String> options,
            Registrations registrations, ModuleServices services, Registrations predecessor) {
        this.host = host;
        this.moduleName = moduleName;
        this.version = version;
        this.options = Map.copyOf(options);
        this.registrations = registrations;
        this.services = services;
        this.predecessor = predecessor;
        this.logger = new Slf4jSystemLogger(LoggerFactory.getLogger("tern.module." + moduleName));
        this.storage = new DatabaseModuleStorage(host.database(), moduleName);
    }

    @Override
    public String domain() {
        return host.domain();
    }

    @Override
    public void implement(String specification, String specificationVersion, String status) {
        registrations.addSpecification(new Specification(moduleName, specification, specificationVersion, status));
    }

    @Override
    public void handleIq(IqTarget target, IqType type, String namespace, IqHandler handler) {
        Objects.requireNonNull(handler, "handler");
        IqKey key = new IqKey(target, type, namespace);
        DispatchTables.IqBinding holder = host.tables().iqHandler(key);
        if (holder != null && !holder.module().equals(moduleName)) {
            throw new IllegalStateException("Module '" + moduleName + "' cannot handle " + key + ": module '"
                    + holder.module() + "' already handles it");
        }
        registrations.addIqHandler(key, handler);
    }

    @Override
    public void hook(StanzaEvent event, int priority, StanzaHook hook) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(hook, "hook");
        registrations.addHook(new Registrations.HookRegistration(event, priority, host.nextHookSequence(), hook));
    }

    @Override
    public void onSession(SessionListener listener) {
        registrations.addSessionListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void addFeature(String feature) {
        registrations.addFeature(Objects.requireNonNull(feature, "feature"));
    }

    @Override
    public void addIdentity(String category, String type, String name) {
        registrations.addIdentity(new DiscoIdentity(category, type, name));
    }

    /**
     * Returns the configured value of {@code option}, or its default.
     *
     * @throws IllegalArgumentException from the option's parser, naming the option, for a bad
     *     configured value; thrown from the module's start, it fails the load
     */
    @Override
    public <T> T option(ModuleOption<T> option) {
        String text = options.get(option.name());
        return text == null ? option.defaultValue() : option.parser().apply(text);
    }

    @Override
    public ModuleStorage storage() {
        return storage;
    }

    /** Routes {@code stanza}; this keeps working after the module stopped, for replies its in-flight handlers send. */
    @Override
    public void route(Element stanza) {
        Objects.requireNonNull(stanza, "stanza");
        if (stanza.attribute("from") == null) {
            throw new IllegalArgumentException("Module '" + moduleName + "' routed a " + stanza.name()
                    + " without a 'from' address; set 'from' before routing");
        }
        host.router().route(stanza);
    }

    @Override
    public Sessions sessions() {
        return host.sessions();
    }

    @Override
    public <S> ServiceRef spawn(String name, Service<S> service, Object args) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        if (closed) {
            throw new IllegalStateException("Module '" + moduleName + "' version '" + version
                    + "' has stopped and cannot spawn service '" + name + "'");
        }
        if (registrations.hasService(name)) {
            throw new IllegalArgumentException("Module '" + moduleName + "' already spawned a service named '" + name
                    + "'; service names are unique within a module");
        }
        if (predecessor != null && predecessor.hasService(name)) {
            ModuleServices.ServiceCode previous = services.migrate(name, service, args, predecessor.version());
            registrations.addMigratedService(new Registrations.MigratedService(name, previous));
            LOG.info("Migrated service '{}' of module '{}' from version '{}' to '{}'", name, moduleName,
                    predecessor.version(), version);
        } else {
            services.start(name, service, args);
            registrations.addStartedService(name);
        }
        return services.ref(name);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        return addTimer(delay, null, action);
    }

    @Override
    public Cancellable every(Duration period, Runnable action) {
        Objects.requireNonNull(period, "period");
        return addTimer(period, period, action);
    }

    @Override
    public System.Logger log() {
        return logger;
    }

    @Override
    public Counter counter(String name) {
        Objects.requireNonNull(name, "name");
        registrations.addCounter(name);
        return host.counter(moduleName, name);
    }

    @Override
    public <T> void provide(Class<T> api, T implementation) {
        Objects.requireNonNull(api, "api");
        if (!api.isInstance(implementation)) {
            throw new IllegalArgumentException("Module '" + moduleName + "' provided " + implementation + " as "
                    + api.getName() + ", which it does not implement");
        }
        DispatchTables.ProviderBinding holder = host.tables().provider(api);
        if (holder != null && !holder.module().equals(moduleName)) {
            throw new IllegalStateException("Module '" + moduleName + "' cannot provide " + api.getName()
                    + ": module '" + holder.module() + "' already provides it");
        }
        registrations.addProvider(api, implementation);
    }

    /**
     * Finds the current implementation of {@code api}. Call it for each use and do not keep the
     * result, because a replace of the providing module switches to another instance.
     */
    @Override
    public <T> Optional<T> lookup(Class<T> api) {
        Object own = registrations.providers().get(api);
        if (own != null) {
            return Optional.of(api.cast(own));
        }
        DispatchTables.ProviderBinding binding = host.tables().provider(api);
        return binding == null ? Optional.empty() : Optional.of(api.cast(binding.implementation()));
    }

    // ---------------------------------------------------------------- undo

    /**
     * Undoes this version's timers, services and counters after it stopped. A service or counter
     * that {@code successor} took over stays; pass null when the module stops for good.
     */
    void close(Registrations successor) {
        markClosed();
        cancelTimers();
        for (String service : registrations.services()) {
            if (successor == null || !successor.hasService(service)) {
                stopService(service);
            }
        }
        for (String counter : registrations.counters()) {
            if (successor == null || !successor.hasCounter(counter)) {
                host.removeCounter(moduleName, counter);
            }
        }
    }

    /**
     * Undoes what this version did during a start that failed: its timers stop, the services it
     * took over go back to the predecessor's code, the services it started stop, and counters
     * only it asked for disappear.
     */
    void abandon() {
        markClosed();
        cancelTimers();
        for (Registrations.MigratedService migrated : registrations.migratedServices()) {
            try {
                services.migrateBack(migrated.name(), migrated.previous(), version);
            } catch (RuntimeException e) {
                LOG.error("Moving service '{}' of module '{}' back from version '{}' to '{}' failed; it keeps "
                        + "running the code of version '{}'", migrated.name(), moduleName, version,
                        predecessor.version(), version, e);
            }
        }
        for (String service : registrations.startedServices()) {
            stopService(service);
        }
        for (String counter : registrations.counters()) {
            if (predecessor == null || !predecessor.hasCounter(counter)) {
                host.removeCounter(moduleName, counter);
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void markClosed() {
        // Under the lock, so that no timer is added after close took the list of timers to cancel.
        synchronized (resourceLock) {
            closed = true;
        }
    }

    private Cancellable addTimer(Duration delay, Duration period, Runnable action) {
        synchronized (resourceLock) {
            if (closed) {
                LOG.warn("Module '{}' version '{}' scheduled a timer after it stopped; the timer will not run",
                        moduleName, version);
                return () -> {
                };
            }
            ModuleTimers.Timer timer = host.timers().schedule(moduleName, delay, period, action);
            registrations.addTimer(timer);
            return timer;
        }
    }

    private void cancelTimers() {
        for (Cancellable timer : registrations.timers()) {
            timer.cancel();
        }
    }

    private void stopService(String service) {
        try {
            services.terminate(service);
        } catch (RuntimeException e) {
            LOG.error("Stopping service '{}' of module '{}' failed", service, moduleName, e);
        }
    }
}
