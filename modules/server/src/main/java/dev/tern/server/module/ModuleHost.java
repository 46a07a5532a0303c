package dev.tern.server.module;

import dev.tern.hotload.DispatchGate;
import dev.tern.hotload.RegistrationSink;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XMPP side of the server's feature modules: the dispatch tables of what they registered,
 * and the dispatch of stanzas to them.
 *
 * <p>Hotload's {@link dev.tern.hotload.ModuleManager} loads, starts, upgrades and stops the
 * modules of the repository, and hands each version's {@link Registrations} to this host as its
 * {@link RegistrationSink}. An upgrade's switch arrives between {@link #beginSwitch} and
 * {@link #endSwitch}; the host publishes its net result as one new snapshot of the tables, so a
 * reader finds the old version's registrations or the new one's, never neither. Built-in modules,
 * such as {@value #DISCOVERY_MODULE}, run in the server's class loader through {@link #start} and
 * {@link #stop} instead.
 *
 * <p>The router calls it through {@link ModuleDispatch}. Each dispatch enters the
 * {@link DispatchGate} of the modules it reaches and reads the tables inside it, so during an
 * upgrade's switch a request waits and is then handled by the new version.
 */
public final class ModuleHost implements ModuleDispatch, RegistrationSink<Registrations>, AutoCloseable {

    /** The name of the built-in module that handles service discovery on the domain. */
    public static final String DISCOVERY_MODULE = "disco";

    private static final Logger LOG = LoggerFactory.getLogger(ModuleHost.class);

    private final String domain;
    private final Database database;
    private final Sessions sessions;
    private final StanzaRouter router;
    private final DispatchGate gate = new DispatchGate();
    private final AtomicLong hookSequence = new AtomicLong();
    private final ConcurrentHashMap<String, HostCounter> counters = new ConcurrentHashMap<>();

    // Guarded by this: writes of tables, the switches in progress and the built-in modules.
    private volatile DispatchTables tables = DispatchTables.EMPTY;
    private final Map<String, Switch> switches = new HashMap<>();
    private final Map<String, HostedModule> builtIns = new LinkedHashMap<>();
    private boolean closed;

    /** The registrations a module will have once its switch ends; null when it will have none. */
    private static final class Switch {
        Registrations next;

        Switch(Registrations current) {
            this.next = current;
        }
    }

    /**
     * Creates the host and starts the built-in {@value #DISCOVERY_MODULE} module.
     *
     * @param domain   the XMPP domain this server serves, for example {@code example.com}
     * @param database stores the modules' tables
     * @param sessions the session manager's view of the bound sessions
     * @param router   routes the stanzas modules send, usually {@code Router::route}
     */
    public ModuleHost(String domain, Database database, Sessions sessions, StanzaRouter router) {
        Jid domainJid = Jid.parse(Objects.requireNonNull(domain, "domain"));
        if (!domainJid.equals(domainJid.domain())) {
            throw new IllegalArgumentException("Domain '" + domain + "' is not a bare domain; give it without "
                    + "localpart and resourcepart, for example 'example.com'");
        }
        this.domain = domainJid.toString();
        this.database = Objects.requireNonNull(database, "database");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.router = Objects.requireNonNull(router, "router");
        start(DISCOVERY_MODULE, new ServerDiscovery(this::tables), "builtin", Map.of());
    }

    /** Returns the gate every dispatch enters; the module manager closes it for an upgrade's switch. */
    public DispatchGate gate() {
        return gate;
    }

    // ---------------------------------------------------------------- built-in modules

    /**
     * Starts the built-in module {@code module} under {@code name}: its registrations become
     * visible when its start returns. A built-in module cannot spawn services or schedule timers;
     * a module that needs them belongs in the module repository.
     *
     * @param options the module's configuration, option name to text, read by {@code ModuleContext.option}
     * @throws ModuleException when a module of that name runs, the module's start throws, or its
     *     registrations conflict with a running module's. Nothing of it stays registered then.
     */
    public synchronized void start(String name, FeatureModule module, String version, Map<String, String> options) {
        Objects.requireNonNull(module, "module");
        requireOpen();
        if (tables.registrationsOf(name) != null || switches.containsKey(name)) {
            throw new ModuleException("Module '" + name + "' already runs; stop it first");
        }

        HostedContext context = HostedContext.builtIn(this, name, version, options);
        try {
            module.start(context);
            tables = tables.with(context.seal());
        } catch (Exception | LinkageError e) {
            removeCounters(name);
            throw new ModuleException("Starting module '" + name + "' version '" + version + "' failed: "
                    + e.getMessage(), e);
        }
        builtIns.put(name, new HostedModule(name, version, module, context));
        LOG.info("Started built-in module '{}' version '{}'", name, version);
    }

    /**
     * Stops the built-in module {@code name}: its stop runs, then its registrations and counters
     * are removed.
     *
     * @throws ModuleException when no built-in module of that name runs; stop a repository
     *     module through the module manager
     */
    public synchronized void stop(String name) {
        HostedModule running = builtIns.remove(name);
        if (running == null) {
            throw new ModuleException("No built-in module '" + name + "' runs; the built-in modules are "
                    + builtIns.keySet() + ", and the module manager stops the others");
        }
        try {
            running.instance().stop(running.context());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Stop of module '{}' version '{}' failed; its registrations are removed anyway", name,
                    running.version(), e);
        }
        tables = tables.without(name);
        removeCounters(name);
        LOG.info("Stopped built-in module '{}' version '{}'", name, running.version());
    }

    /** Stops the built-in modules in reverse start order. Later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        List<String> names = new ArrayList<>(builtIns.keySet());
        Collections.reverse(names);
        for (String name : names) {
            stop(name);
        }
        closed = true;
    }

    // ---------------------------------------------------------------- the sink, for hotload

    /**
     * Publishes the registrations of a module version. During a switch of that module they only
     * become what {@link #endSwitch} publishes, but a conflict is still rejected here.
     *
     * @throws IllegalStateException when they conflict with another module's registrations, or
     *     the module already has registrations outside a switch
     */
    @Override
    public synchronized Handle add(String module, Registrations registrations) {
        requireOpen();
        Switch inProgress = switches.get(module);
        if (inProgress != null) {
            // Building the tables rejects a conflict now; endSwitch builds them again from the net result.
            tables.with(registrations);
            inProgress.next = registrations;
        } else {
            if (tables.registrationsOf(module) != null) {
                throw new IllegalStateException("Module '" + module + "' already has registrations in the "
                        + "dispatch tables; a module version registers once");
            }
            tables = tables.with(registrations);
        }
        return () -> withdraw(module, registrations);
    }

    @Override
    public synchronized void beginSwitch(String module) {
        switches.put(module, new Switch(tables.registrationsOf(module)));
    }

    @Override
    public synchronized void endSwitch(String module) {
        Switch ended = switches.remove(module);
        if (ended == null) {
            return;
        }
        Registrations before = tables.registrationsOf(module);
        tables = ended.next == null ? tables.without(module) : tables.with(ended.next);
        if (before != null && ended.next != null && before != ended.next) {
            dropCountersOf(module, before);
        }
    }

    private synchronized void withdraw(String module, Registrations registrations) {
        Switch inProgress = switches.get(module);
        if (inProgress != null) {
            if (inProgress.next == registrations) {
                inProgress.next = null;
            }
        } else if (tables.registrationsOf(module) == registrations) {
            tables = tables.without(module);
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
        DispatchTables.IqBinding found = tables.iqHandler(key);
        while (found != null) {
            try (DispatchGate.Pass _ = gate.enter(found.module())) {
                // A switch may have replaced the handler while this dispatch waited at the gate.
                DispatchTables.IqBinding current = tables.iqHandler(key);
                if (current == null || current.module().equals(found.module())) {
                    return current == null ? new IqOutcome.Unhandled() : invoke(current, key, request);
                }
                found = current;
            }
        }
        return new IqOutcome.Unhandled();
    }

    private static IqOutcome invoke(DispatchTables.IqBinding binding, IqKey key, IqRequest request) {
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
        List<DispatchTables.HookBinding> found = tables.hooks(context.event());
        if (found.isEmpty()) {
            return HookResult.PASS;
        }
        try (Passes _ = enterAll(found, DispatchTables.HookBinding::module)) {
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
        }
        return HookResult.PASS;
    }

    /** Tells every module's session listener that a session bound {@code fullJid}; a listener that throws is logged and skipped. */
    @Override
    public void sessionOpened(Jid fullJid) {
        Objects.requireNonNull(fullJid, "fullJid");
        List<DispatchTables.ListenerBinding> found = tables.sessionListeners();
        try (Passes _ = enterAll(found, DispatchTables.ListenerBinding::module)) {
            for (DispatchTables.ListenerBinding binding : tables.sessionListeners()) {
                try {
                    binding.listener().opened(fullJid);
                } catch (RuntimeException e) {
                    LOG.error("Session listener of module '{}' failed on the start of '{}'", binding.module(), fullJid,
                            e);
                }
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
        List<DispatchTables.ListenerBinding> found = tables.sessionListeners();
        try (Passes _ = enterAll(found, DispatchTables.ListenerBinding::module)) {
            for (DispatchTables.ListenerBinding binding : tables.sessionListeners()) {
                try {
                    binding.listener().closed(fullJid, lastPresence);
                } catch (RuntimeException e) {
                    LOG.error("Session listener of module '{}' failed on the end of '{}'", binding.module(), fullJid,
                            e);
                }
            }
        }
    }

    /** The passes through the gates of several modules, left in reverse order. */
    private static final class Passes implements AutoCloseable {
        private final List<DispatchGate.Pass> entered = new ArrayList<>();

        @Override
        public void close() {
            for (DispatchGate.Pass pass : entered.reversed()) {
                pass.close();
            }
        }
    }

    /** Enters the gates of the modules of {@code bindings}, in name order. */
    private <B> Passes enterAll(List<B> bindings, Function<B, String> module) {
        TreeSet<String> names = new TreeSet<>();
        bindings.forEach(binding -> names.add(module.apply(binding)));
        Passes passes = new Passes();
        for (String name : names) {
            passes.entered.add(gate.enter(name));
        }
        return passes;
    }

    // ---------------------------------------------------------------- what modules registered

    /**
     * Finds the implementation of {@code api} that a running module provides, or empty when none
     * does. Look it up for each use, because an upgrade of the module switches to another instance.
     */
    public <T> Optional<T> lookup(Class<T> api) {
        DispatchTables.ProviderBinding binding = tables.provider(api);
        return binding == null ? Optional.empty() : Optional.of(api.cast(binding.implementation()));
    }

    /** Returns the modules with registrations in the dispatch tables, name to version, in start order. */
    public Map<String, String> modules() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Registrations module : tables.modules()) {
            versions.put(module.moduleName(), module.version());
        }
        return Collections.unmodifiableMap(versions);
    }

    /** Returns the version of module {@code name} whose registrations are live, or empty when it has none. */
    public Optional<String> version(String name) {
        return Optional.ofNullable(modules().get(name));
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

    // ---------------------------------------------------------------- for contexts, the binding and tests

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

    DispatchTables tables() {
        return tables;
    }

    long nextHookSequence() {
        return hookSequence.incrementAndGet();
    }

    /** Returns the counter {@code <module>.<name>}; it keeps its value across versions of the module. */
    HostCounter counter(String moduleName, String name) {
        return counters.computeIfAbsent(moduleName + "." + name, HostCounter::new);
    }

    /** Removes the counters of a module that stopped. */
    void removeCounters(String moduleName) {
        counters.keySet().removeIf(key -> key.startsWith(moduleName + "."));
    }

    /**
     * Removes the counters that {@code version} asked for and the module's live registrations do
     * not: after an upgrade, those of the replaced version only, and after a failed start, those
     * of the failed version only.
     */
    synchronized void dropCountersOf(String moduleName, Registrations version) {
        Registrations live = tables.registrationsOf(moduleName);
        for (String name : version.counters()) {
            if (live == null || !live.counters().contains(name)) {
                counters.remove(moduleName + "." + name);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static IqType requestType(String type) {
        if ("get".equals(type)) {
            return IqType.GET;
        }
        return "set".equals(type) ? IqType.SET : null;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The module host is closed; create a new one to start modules");
        }
    }
}
