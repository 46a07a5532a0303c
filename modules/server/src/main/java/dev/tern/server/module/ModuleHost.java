package dev.tern.server.module;

import dev.tern.kernel.Kernel;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.server.storage.Database;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.StanzaError;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.Sessions;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server's feature modules and dispatches stanzas to what they registered.
 *
 * <p>The router calls it through {@link ModuleDispatch}: {@link #dispatchIq} for IQ requests to
 * the domain or to an account, {@link #runHooks} for each stanza at each
 * {@link dev.tern.xmpp.api.module.StanzaEvent}, and {@link #sessionOpened} and
 * {@link #sessionClosed} when a session binds a resource and ends.
 * These read one immutable snapshot of the dispatch tables and take no lock, so a module change does not hold them up.
 *
 * <p>{@link #start}, {@link #stop} and {@link #replace} change the modules, one at a time. Each
 * builds a new snapshot and publishes it in one step, so a stanza in flight reaches a module's old
 * registrations or its new ones, never neither. Stopping or replacing a module undoes everything
 * it registered: handlers, hooks, listeners, discovery entries, provided APIs, timers, services
 * and counters.
 */
public final class ModuleHost implements ModuleDispatch, AutoCloseable {

    /** The name of the built-in module that handles service discovery on the domain. */
    public static final String DISCOVERY_MODULE = "disco";

    private static final Logger LOG = LoggerFactory.getLogger(ModuleHost.class);

    private final Kernel kernel;
    private final String domain;
    private final Database database;
    private final Sessions sessions;
    private final StanzaRouter router;
    private final ModuleTimers timers;
    private final AtomicLong hookSequence = new AtomicLong();
    private final ConcurrentHashMap<String, HostCounter> counters = new ConcurrentHashMap<>();

    private final ReentrantLock lifecycle = new ReentrantLock();
    // Guarded by lifecycle; in start order.
    private final Map<String, HostedModule> modules = new LinkedHashMap<>();
    private boolean closed;

    private volatile DispatchTables tables = DispatchTables.EMPTY;

    /**
     * Creates the host and starts the built-in {@value #DISCOVERY_MODULE} module.
     *
     * @param kernel   runs the modules' services and timers
     * @param domain   the XMPP domain this server serves, for example {@code example.com}
     * @param database stores the modules' tables
     * @param sessions the session manager's view of the bound sessions
     * @param router   routes the stanzas modules send, usually {@code Router::route}
     */
    public ModuleHost(Kernel kernel, String domain, Database database, Sessions sessions, StanzaRouter router) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        Jid domainJid = Jid.parse(Objects.requireNonNull(domain, "domain"));
        if (!domainJid.equals(domainJid.domain())) {
            throw new IllegalArgumentException("Domain '" + domain + "' is not a bare domain; give it without "
                    + "localpart and resourcepart, for example 'example.com'");
        }
        this.domain = domainJid.toString();
        this.database = Objects.requireNonNull(database, "database");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.router = Objects.requireNonNull(router, "router");
        this.timers = new ModuleTimers(kernel);
        start(DISCOVERY_MODULE, new ServerDiscovery(this::tables), "builtin", Map.of());
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts {@code module} under {@code name}: its start registers through a fresh context, and
     * the registrations become visible when the start returns.
     *
     * @param options the module's configuration, option name to text, read by {@code ModuleContext.option}
     * @throws ModuleException when the module's start throws or its registrations conflict with a
     *     running module's; everything it registered is undone
     */
    public void start(String name, FeatureModule module, String version, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(options, "options");
        lifecycle.lock();
        try {
            requireOpen();
            HostedModule running = modules.get(name);
            if (running != null) {
                throw new ModuleException("Module '" + name + "' already runs version '" + running.version()
                        + "'; stop it first or replace it");
            }

            ModuleServices services = new ModuleServices(kernel, name);
            Registrations registrations = new Registrations(name, version);
            HostedContext context = new HostedContext(this, name, version, options, registrations, services, null);
            try {
                module.start(context);
                registrations.seal();
                tables = tables.with(registrations);
            } catch (Exception | LinkageError e) {
                context.abandon();
                stopServices(name, services);
                throw new ModuleException("Starting module '" + name + "' version '" + version + "' failed: "
                        + e.getMessage(), e);
            }

            modules.put(name, new HostedModule(name, version, module, Map.copyOf(options), context, registrations,
                    services));
            LOG.info("Started module '{}' version '{}'", name, version);
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Stops the module {@code name}: its stop runs, then its registrations leave the dispatch
     * tables and its timers, services and counters are undone.
     *
     * @throws ModuleException when no module of that name runs
     */
    public void stop(String name) {
        lifecycle.lock();
        try {
            HostedModule running = requireRunning(name);
            callStop(running);
            tables = tables.without(name);
            modules.remove(name);
            running.context().close(null);
            stopServices(name, running.services());
            LOG.info("Stopped module '{}' version '{}'", name, running.version());
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Replaces the running version of module {@code name} by {@code newInstance}, as a hot
     * upgrade (or downgrade) does:
     * <ol>
     *   <li>{@code newInstance.importState(oldVersion, old.exportState())};</li>
     *   <li>{@code newInstance.start(context)} into a fresh registration set; a service spawned
     *       under a name the old version used is migrated in place with {@code Sys.suspend},
     *       {@code Sys.changeCode} and {@code Sys.resume}, so its queued messages survive;</li>
     *   <li>one atomic switch of the dispatch tables from the old set to the new;</li>
     *   <li>the old instance's stop, then the undo of whatever of the old set the new version did
     *       not take over.</li>
     * </ol>
     * When a step before the switch throws, the new version's registrations are undone, migrated
     * services go back to the old code, and the old version keeps running untouched.
     *
     * @throws ModuleException when no module of that name runs or a step before the switch failed
     */
    public void replace(String name, FeatureModule newInstance, String newVersion) {
        Objects.requireNonNull(newInstance, "newInstance");
        Objects.requireNonNull(newVersion, "newVersion");
        lifecycle.lock();
        try {
            HostedModule old = requireRunning(name);
            Registrations next = new Registrations(name, newVersion);
            HostedContext context = new HostedContext(this, name, newVersion, old.options(), next, old.services(),
                    old.registrations());

            DispatchTables switched;
            try {
                Map<String, Object> state = old.instance().exportState();
                newInstance.importState(old.version(), state == null ? Map.of() : state);
                newInstance.start(context);
                next.seal();
                switched = tables.replacing(name, next);
            } catch (Exception | LinkageError e) {
                context.abandon();
                throw new ModuleException("Replacing module '" + name + "' version '" + old.version()
                        + "' by version '" + newVersion + "' failed, so version '" + old.version()
                        + "' keeps running: " + e.getMessage(), e);
            }

            tables = switched;
            modules.put(name, new HostedModule(name, newVersion, newInstance, old.options(), context, next,
                    old.services()));

            callStop(old);
            old.context().close(next);
            LOG.info("Replaced module '{}' version '{}' by version '{}'", name, old.version(), newVersion);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Returns the running modules, name to version, in start order. */
    public Map<String, String> modules() {
        lifecycle.lock();
        try {
            Map<String, String> versions = new LinkedHashMap<>();
            modules.forEach((name, hosted) -> versions.put(name, hosted.version()));
            return Collections.unmodifiableMap(versions);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Returns the running version of module {@code name}, or empty when it does not run. */
    public Optional<String> version(String name) {
        return Optional.ofNullable(modules().get(name));
    }

    /**
     * Finds the implementation of {@code api} that a running module provides, or empty when none
     * does. Look it up for each use, because replacing the module switches to another instance.
     */
    public <T> Optional<T> lookup(Class<T> api) {
        DispatchTables.ProviderBinding binding = tables.provider(api);
        return binding == null ? Optional.empty() : Optional.of(api.cast(binding.implementation()));
    }

    /** Stops every module in reverse start order, then the timer process. Later calls do nothing. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            List<String> names = new ArrayList<>(modules.keySet());
            Collections.reverse(names);
            for (String name : names) {
                try {
                    stop(name);
                } catch (RuntimeException e) {
                    LOG.error("Stopping module '{}' failed while the module host closed", name, e);
                }
            }
            closed = true;
            timers.close();
        } finally {
            lifecycle.unlock();
        }
    }

    // ---------------------------------------------------------------- dispatch, for the router

    /**
     * Hands an IQ request to the module that handles {@code target}, the request's type and its
     * payload's namespace. A handler's {@link StanzaException} becomes an error reply with its
     * error. Any other exception is logged and becomes {@code internal-server-error}.
     *
     * @return the reply to route, {@link IqOutcome.Deferred} when the handler replies later, or
     *     {@link IqOutcome.Unhandled} when no module handles the request or it is a response
     *     ({@code result} or {@code error}) rather than a request
     */
    @Override
    public IqOutcome dispatchIq(IqTarget target, IqRequest request) {
        Objects.requireNonNull(target, "target");
        IqType type = requestType(request.stanza().attribute("type"));
        if (type == null) {
            return new IqOutcome.Unhandled();
        }
        IqKey key = new IqKey(target, type, request.payload().namespace());
        DispatchTables.IqBinding binding = tables.iqHandler(key);
        if (binding == null) {
            return new IqOutcome.Unhandled();
        }

        try {
            Element reply = binding.handler().handle(request);
            return reply == null ? new IqOutcome.Deferred() : new IqOutcome.Replied(reply);
        } catch (StanzaException e) {
            return new IqOutcome.Replied(request.error(e.error()));
        } catch (Exception e) {
            LOG.error("IQ handler of module '{}' for {} failed on request '{}' from '{}'", binding.module(), key,
                    request.id(), request.from(), e);
            return new IqOutcome.Replied(request.error(StanzaError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR)));
        }
    }

    /**
     * Runs the hooks of {@code context.event()} in descending priority, then registration order,
     * until one returns {@link HookResult#HANDLED}. An exception other than
     * {@link StanzaException} is logged, and the run goes on with the next hook.
     *
     * @return {@link HookResult#HANDLED} when a hook took care of the stanza, so the router must
     *     not process it further; {@link HookResult#PASS} otherwise
     * @throws StanzaException from a hook, which stops the run; the router replies to the stanza with its error
     */
    @Override
    public HookResult runHooks(StanzaContext context) throws StanzaException {
        for (DispatchTables.HookBinding binding : tables.hooks(context.event())) {
            try {
                if (binding.hook().handle(context) == HookResult.HANDLED) {
                    return HookResult.HANDLED;
                }
            } catch (StanzaException e) {
                throw e;
            } catch (Exception e) {
                LOG.error("Hook of module '{}' failed on {} {} from '{}' to '{}'", binding.module(),
                        context.event().kind(), context.event().direction(), context.from(), context.to(), e);
            }
        }
        return HookResult.PASS;
    }

    /** Tells every module's session listener that a session bound {@code fullJid}; a listener that throws is logged and skipped. */
    @Override
    public void sessionOpened(Jid fullJid) {
        Objects.requireNonNull(fullJid, "fullJid");
        for (DispatchTables.ListenerBinding binding : tables.sessionListeners()) {
            try {
                binding.listener().opened(fullJid);
            } catch (RuntimeException e) {
                LOG.error("Session listener of module '{}' failed on the opening of '{}'", binding.module(),
                        fullJid, e);
            }
        }
    }

    /**
     * Tells every module's session listener that the session of {@code fullJid} ended. Call it
     * after the session left the session table.
     *
     * @param lastPresence the session's last broadcast presence, or null if it never sent one
     */
    @Override
    public void sessionClosed(Jid fullJid, Element lastPresence) {
        Objects.requireNonNull(fullJid, "fullJid");
        for (DispatchTables.ListenerBinding binding : tables.sessionListeners()) {
            try {
                binding.listener().closed(fullJid, lastPresence);
            } catch (RuntimeException e) {
                LOG.error("Session listener of module '{}' failed on the end of '{}'", binding.module(), fullJid, e);
            }
        }
    }

    /** Returns the value of every module counter, by {@code <module>.<name>}, sorted by name. */
    public Map<String, Long> counters() {
        Map<String, Long> values = new TreeMap<>();
        counters.forEach((name, counter) -> values.put(name, counter.value()));
        return values;
    }

    /** Returns the specifications the running modules declared, in start order. */
    public List<Specification> specifications() {
        return List.copyOf(tables.specifications());
    }

    // ---------------------------------------------------------------- for contexts and tests

    String domain() {
        return domain;
    }

    Database database() {
        return database;
    }

    Sessions sessions() {
        return sessions;
    }

    StanzaRouter router() {
        return router;
    }

    ModuleTimers timers() {
        return timers;
    }

    DispatchTables tables() {
        return tables;
    }

    Kernel kernel() {
        return kernel;
    }

    long nextHookSequence() {
        return hookSequence.incrementAndGet();
    }

    HostCounter counter(String moduleName, String name) {
        String key = moduleName + "." + name;
        return counters.computeIfAbsent(key, HostCounter::new);
    }

    void removeCounter(String moduleName, String name) {
        counters.remove(moduleName + "." + name);
    }

    // ---------------------------------------------------------------- helpers

    private static IqType requestType(String type) {
        if ("get".equals(type)) {
            return IqType.GET;
        }
        return "set".equals(type) ? IqType.SET : null;
    }

    private HostedModule requireRunning(String name) {
        HostedModule running = modules.get(name);
        if (running == null) {
            throw new ModuleException("Module '" + name + "' is not running; the running modules are "
                    + modules.keySet());
        }
        return running;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The module host is closed; create a new one to start modules");
        }
    }

    private static void callStop(HostedModule module) {
        try {
            module.instance().stop(module.context());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Stop of module '{}' version '{}' failed; its registrations are undone anyway", module.name(),
                    module.version(), e);
        }
    }

    private static void stopServices(String name, ModuleServices services) {
        try {
            services.stopAll();
        } catch (RuntimeException e) {
            LOG.error("Stopping the services of module '{}' failed", name, e);
        }
    }
}
